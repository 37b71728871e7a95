package io.promptcms.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.SteppingClock;
import io.promptcms.testing.TemplateTables;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyServiceTest {

    private static final String ROUTE = "POST /api/v1/prompts";

    private static LocalDynamoDb local;
    private static SteppingClock clock;
    private static IdempotencyService service;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        var tables = TemplateTables.create(local.dynamoDbClient(), "idem-");
        clock = new SteppingClock(Instant.parse("2025-01-01T00:00:00Z"));
        service = new IdempotencyService(local.dynamoDbClient(), tables.idempotency(), clock);
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static ProblemType claimFails(String key, String hash) {
        return assertThrows(ApiException.class, () -> service.claim("u1", ROUTE, key, hash)).type();
    }

    @Test
    void aCompletedRequestIsReplayedForTheSameBodyOnly() {
        String key = key();
        var claim = assertInstanceOf(IdempotencyService.Acquired.class, service.claim("u1", ROUTE, key, "h1"));
        service.complete(claim.recordId(), "h1", new StoredResponse(201, Map.of("location", "/x"), "{\"id\":1}"));

        var replay = assertInstanceOf(IdempotencyService.Replay.class, service.claim("u1", ROUTE, key, "h1"));
        assertEquals(new StoredResponse(201, Map.of("location", "/x"), "{\"id\":1}"), replay.response());
        assertEquals(ProblemType.IDEMPOTENCY_KEY_REUSED, claimFails(key, "h2"));
    }

    @Test
    void aRequestInFlightBlocksTheKeyUntilItsLockRunsOut() {
        String key = key();
        service.claim("u1", ROUTE, key, "h1");
        assertEquals(ProblemType.IDEMPOTENCY_IN_FLIGHT, claimFails(key, "h1"));

        clock.advance(Duration.ofSeconds(61));
        assertInstanceOf(IdempotencyService.Acquired.class, service.claim("u1", ROUTE, key, "h1"));
    }

    @Test
    void aReleasedKeyCanRunAgain() {
        String key = key();
        var claim = (IdempotencyService.Acquired) service.claim("u1", ROUTE, key, "h1");
        service.release(claim.recordId());
        assertInstanceOf(IdempotencyService.Acquired.class, service.claim("u1", ROUTE, key, "h1"));
    }

    @Test
    void keysAreScopedToTheUserAndTheRoute() {
        String key = key();
        service.claim("u1", ROUTE, key, "h1");
        assertInstanceOf(IdempotencyService.Acquired.class, service.claim("u2", ROUTE, key, "h1"));
        assertInstanceOf(IdempotencyService.Acquired.class, service.claim("u1", "POST /other", key, "h1"));
    }

    @Test
    void anOverlongKeyIsABadRequest() {
        assertEquals(ProblemType.BAD_REQUEST, claimFails("k".repeat(256), "h1"));
    }

    @Test
    void aLargeResponseBodyIsKeptCompressed() {
        String key = key();
        String body = "{\"content\":\"" + "abc ".repeat(150_000) + "\"}";
        var claim = (IdempotencyService.Acquired) service.claim("u1", ROUTE, key, "h1");
        service.complete(claim.recordId(), "h1", new StoredResponse(201, Map.of(), body));

        var replay = assertInstanceOf(IdempotencyService.Replay.class, service.claim("u1", ROUTE, key, "h1"));
        assertEquals(body, replay.response().body());
    }
}
