package io.promptcms.idempotency;

import io.promptcms.common.ApiException;
import io.promptcms.common.Gzip;
import io.promptcms.common.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records in DynamoDB, one per user + route + {@code Idempotency-Key}. A request first claims its
 * key with a conditional put (free, or an abandoned claim whose lock ran out); the winner runs and then
 * completes the record with its response, which later requests with the same key and body get back.
 * Records expire after 24 hours (TTL on {@code expiresAt}).
 */
public final class IdempotencyService {

    public static final int MAX_KEY_LENGTH = 255;
    static final Duration TTL = Duration.ofHours(24);
    static final Duration LOCK = Duration.ofSeconds(60);
    /** Larger response bodies are kept gzip-compressed; past the second limit only status and headers are kept. */
    private static final int MAX_PLAIN_BODY = 64 * 1024;
    private static final int MAX_STORED_BODY = 350 * 1024;
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public IdempotencyService(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The result of claiming a key: run the request ({@link Acquired}) or answer what it answered before ({@link Replay}). */
    public sealed interface Claim permits Acquired, Replay {
    }

    public record Acquired(String recordId) implements Claim {
    }

    public record Replay(StoredResponse response) implements Claim {
    }

    /**
     * Claims {@code key} for this request. 400 for an over-long key, 422 when the key was used with another
     * request, 409 while the first request with it still runs.
     */
    public Claim claim(String userId, String routeKey, String key, String requestHash) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters");
        }
        String id = userId + "\u0000" + routeKey + "\u0000" + key;
        long nowMillis = clock.millis();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("status", AttributeValue.fromS(IN_PROGRESS));
        item.put("requestHash", AttributeValue.fromS(requestHash));
        item.put("lockUntil", number(nowMillis + LOCK.toMillis()));
        item.put("expiresAt", number(nowMillis / 1000 + TTL.toSeconds()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    // free, expired but not yet swept by TTL, or claimed by a request that died holding the lock
                    .conditionExpression("attribute_not_exists(id) OR expiresAt < :nowSeconds OR (lockUntil < :nowMillis AND #status = :inProgress)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", number(nowMillis / 1000),
                            ":nowMillis", number(nowMillis),
                            ":inProgress", AttributeValue.fromS(IN_PROGRESS))));
            return new Acquired(id);
        } catch (ConditionalCheckFailedException e) {
            return existing(id, requestHash);
        }
    }

    /** Stores the response of the request that holds the claim, to be replayed for 24 hours. */
    public void complete(String recordId, String requestHash, StoredResponse response) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(recordId));
        item.put("status", AttributeValue.fromS(COMPLETED));
        item.put("requestHash", AttributeValue.fromS(requestHash));
        item.put("responseStatus", number(response.status()));
        item.put("responseHeaders", AttributeValue.fromM(response.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, h -> AttributeValue.fromS(h.getValue())))));
        item.put("expiresAt", number(clock.millis() / 1000 + TTL.toSeconds()));
        if (response.body() != null) {
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            if (body.length <= MAX_PLAIN_BODY) {
                item.put("responseBody", AttributeValue.fromS(response.body()));
            } else {
                byte[] compressed = Gzip.compress(body);
                if (compressed.length > MAX_STORED_BODY) {
                    // a replay without its body would be a wrong answer: give the key up so a retry runs again
                    release(recordId);
                    return;
                }
                item.put("responseBodyGz", AttributeValue.fromB(SdkBytes.fromByteArray(compressed)));
            }
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Gives the claim up (the request failed in a way worth retrying), so the same key can run again. */
    public void release(String recordId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(recordId)))
                    .conditionExpression("#status = :inProgress")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":inProgress", AttributeValue.fromS(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException e) {
            // already completed or gone: nothing of ours to release
        }
    }

    /** SHA-256 over what identifies a request: method, target (path, query, preconditions) and body. */
    public static String requestHash(String method, String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Claim existing(String id, String requestHash) {
        Map<String, AttributeValue> record = dynamo.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        if (record == null || record.isEmpty()) {
            // released between our put and this read: tell the client to try again rather than guess
            throw new ApiException(ProblemType.IDEMPOTENCY_IN_FLIGHT, "a request with this Idempotency-Key just finished; retry it");
        }
        if (!requestHash.equals(record.get("requestHash").s())) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for a different request");
        }
        if (!COMPLETED.equals(record.get("status").s())) {
            throw new ApiException(ProblemType.IDEMPOTENCY_IN_FLIGHT, "a request with this Idempotency-Key is still in progress");
        }
        Map<String, String> headers = record.getOrDefault("responseHeaders", AttributeValue.fromM(Map.of())).m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, h -> h.getValue().s()));
        String body = record.containsKey("responseBody") ? record.get("responseBody").s()
                : record.containsKey("responseBodyGz") ? new String(Gzip.decompress(record.get("responseBodyGz").b().asByteArray()), StandardCharsets.UTF_8)
                : null;
        return new Replay(new StoredResponse(Integer.parseInt(record.get("responseStatus").n()), headers, body));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
