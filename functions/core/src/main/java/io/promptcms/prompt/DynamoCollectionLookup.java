package io.promptcms.prompt;

import io.promptcms.common.Ids;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Checks collection ownership in the collections table with one BatchGetItem of just {@code id} and {@code ownerId}. */
public final class DynamoCollectionLookup implements CollectionLookup {

    private static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCollectionLookup(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Set<String> ownedBy(String ownerId, Collection<String> collectionIds) {
        List<Map<String, AttributeValue>> keys = collectionIds.stream().distinct()
                .filter(id -> Ids.looksLike("col", id))
                .map(id -> Map.of("id", AttributeValue.fromS(id)))
                .toList();
        Set<String> owned = new HashSet<>();
        Map<String, KeysAndAttributes> pending = keys.isEmpty() ? Map.of()
                : Map.of(table, KeysAndAttributes.builder().keys(keys).projectionExpression("id, ownerId").consistentRead(true).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left collection keys unprocessed after " + attempt + " attempts");
            }
            Map<String, KeysAndAttributes> request = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            response.responses().getOrDefault(table, List.of()).stream()
                    .filter(item -> item.containsKey("ownerId") && ownerId.equals(item.get("ownerId").s()))
                    .forEach(item -> owned.add(item.get("id").s()));
            pending = response.unprocessedKeys();
        }
        return owned;
    }
}
