package io.promptcms.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A fixed one-minute window per API key, counted in DynamoDB with ONE conditional update per request (the
 * counter item of key + minute is created on first use, refused once it reaches the limit, and expires by TTL).
 * Cheaper than a token bucket's read-then-write and exact across all Lambda containers; the price is that a
 * client can send up to twice the limit across a window boundary. If the table cannot be reached the request
 * goes ahead (fail open): an outage of the limiter must not become an outage of the API.
 */
public final class DynamoRateLimiter implements RateLimiter {

    private static final System.Logger LOG = System.getLogger(DynamoRateLimiter.class.getName());
    private static final long WINDOW_SECONDS = 60;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int limitPerMinute;
    private final Clock clock;

    public DynamoRateLimiter(DynamoDbClient dynamo, String table, int limitPerMinute, Clock clock) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 request per minute");
        }
        this.dynamo = dynamo;
        this.table = table;
        this.limitPerMinute = limitPerMinute;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> acquire(String keyId) {
        long now = clock.instant().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(keyId + "#" + window)))
                    .updateExpression("SET requests = if_not_exists(requests, :zero) + :one, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(requests) OR requests < :limit")
                    .expressionAttributeValues(Map.of(
                            ":zero", AttributeValue.fromN("0"),
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limitPerMinute)),
                            ":expires", AttributeValue.fromN(Long.toString((window + 2) * WINDOW_SECONDS)))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException limited) {
            return Optional.of(Duration.ofSeconds((window + 1) * WINDOW_SECONDS - now));
        } catch (SdkException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "rate limiter unavailable, letting the request through: " + unavailable.getMessage());
            return Optional.empty();
        }
    }
}
