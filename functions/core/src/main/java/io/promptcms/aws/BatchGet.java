package io.promptcms.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** BatchGetItem on one table until every key is answered: DynamoDB may leave some unprocessed under load. */
public final class BatchGet {

    /** A BatchGetItem takes at most this many keys. */
    public static final int MAX_KEYS = 100;
    private static final int MAX_ATTEMPTS = 10;

    private BatchGet() {
    }

    /** The items that exist among {@code request}'s keys (at most {@link #MAX_KEYS}), in no particular order. */
    public static List<Map<String, AttributeValue>> all(DynamoDbClient dynamo, String table, KeysAndAttributes request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = request.keys().isEmpty() ? Map.of() : Map.of(table, request);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left keys of " + table + " unprocessed after " + attempt + " attempts");
            }
            Backoff.beforeAttempt(attempt);
            Map<String, KeysAndAttributes> next = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(next));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.unprocessedKeys();
        }
        return items;
    }
}
