package io.promptcms.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.MutableClock;
import io.promptcms.testing.TemplateTables;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoRateLimiterTest {

    private static LocalDynamoDb local;
    private static String table;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        table = TemplateTables.create(local.dynamoDbClient(), "limits-").name("RateLimitsTable");
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    @Test
    void requestsOverTheLimitWaitForTheNextMinute() {
        var clock = new MutableClock(Instant.parse("2026-01-01T10:00:15Z"));
        var limiter = new DynamoRateLimiter(local.dynamoDbClient(), table, 3, clock);

        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("key_a"));
        }
        assertEquals(Optional.of(Duration.ofSeconds(45)), limiter.acquire("key_a"), "refused until 10:01:00");
        assertEquals(Optional.empty(), limiter.acquire("key_b"), "another key has its own budget");

        clock.advance(Duration.ofSeconds(45));
        assertEquals(Optional.empty(), limiter.acquire("key_a"), "a new minute, a new budget");
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheLimit() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-01-01T11:00:00Z"));
        var limiter = new DynamoRateLimiter(local.dynamoDbClient(), table, 10, clock);
        AtomicInteger allowed = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> limiter.acquire("key_busy").ifPresentOrElse(wait -> { }, allowed::incrementAndGet));
            }
        }
        assertEquals(10, allowed.get());
    }

    @Test
    void anUnreachableTableLetsRequestsThrough() {
        var unreachable = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
        var limiter = new DynamoRateLimiter(unreachable, table, 1, new MutableClock(Instant.now()));
        assertTrue(limiter.acquire("key_x").isEmpty());
        assertTrue(limiter.acquire("key_x").isEmpty());
    }
}
