package io.promptcms.collection;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.prompt.PromptItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Which of an owner's prompts belong to a collection, read from the prompts table: membership lives on the
 * prompt ({@code collectionIds}), so a collection knows its prompts only through the owner's {@code byOwner}
 * index filtered by {@code contains(collectionIds, :id)}. That read costs the owner's whole partition of the
 * index, which is acceptable for counts on a single GET and for the rare collection delete.
 */
final class PromptMemberships {

    /** Attempts per prompt when concurrent edits keep changing its revision under us. */
    private static final int MAX_ATTEMPTS = 5;

    // Attribute names of PromptItem.SCHEMA (a test checks they still exist there).
    static final String ID = "id";
    static final String OWNER = "ownerId";
    static final String REVISION = "revision";
    static final String COLLECTION_IDS = "collectionIds";

    private final DynamoDbClient dynamo;
    private final String promptsTable;

    PromptMemberships(DynamoDbClient dynamo, String promptsTable) {
        this.dynamo = dynamo;
        this.promptsTable = promptsTable;
    }

    long count(String ownerId, String collectionId) {
        long total = 0;
        for (QueryResponse page : pages(query(ownerId, collectionId, Map.of()).select(Select.COUNT))) {
            total += page.count();
        }
        return total;
    }

    /** Takes {@code collectionId} out of every prompt of the owner; each prompt's revision grows, nothing else changes. */
    void removeEverywhere(String ownerId, String collectionId) {
        var request = query(ownerId, collectionId, Map.of("#id", ID, "#rev", REVISION)).projectionExpression("#id, #rev, #cols");
        for (QueryResponse page : pages(request)) {
            page.items().forEach(prompt -> remove(ownerId, collectionId, prompt));
        }
    }

    /** Package-visible so a test can hand it a stale read, as an eventually consistent index can. */
    void remove(String ownerId, String collectionId, Map<String, AttributeValue> prompt) {
        Map<String, AttributeValue> current = prompt;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (!stillMember(current, ownerId, collectionId)) {
                return;
            }
            List<AttributeValue> remaining = current.get(COLLECTION_IDS).l().stream()
                    .filter(value -> !collectionId.equals(value.s())).toList();
            AttributeValue readRevision = current.get(REVISION);
            try {
                // Conditional on the revision we read: a concurrent prompt edit is never overwritten, we re-read and retry.
                dynamo.updateItem(r -> r.tableName(promptsTable)
                        .key(Map.of(ID, prompt.get(ID)))
                        .updateExpression("SET #cols = :remaining, #rev = #rev + :one")
                        .conditionExpression("#rev = :read")
                        .expressionAttributeNames(Map.of("#cols", COLLECTION_IDS, "#rev", REVISION))
                        .expressionAttributeValues(Map.of(
                                ":remaining", AttributeValue.fromL(remaining),
                                ":one", AttributeValue.fromN("1"),
                                ":read", readRevision))
                        .returnValues(ReturnValue.NONE));
                return;
            } catch (ConditionalCheckFailedException e) {
                current = dynamo.getItem(r -> r.tableName(promptsTable).key(Map.of(ID, prompt.get(ID))).consistentRead(true)
                        .projectionExpression("#id, #owner, #rev, #cols")
                        .expressionAttributeNames(Map.of("#id", ID, "#owner", OWNER, "#rev", REVISION, "#cols", COLLECTION_IDS))).item();
            }
        }
        throw new ApiException(ProblemType.CONFLICT, "prompt " + prompt.get(ID).s() + " kept changing while the collection was removed from it; retry the delete");
    }

    /** False once the prompt is gone, changed owner, or no longer lists the collection. */
    private static boolean stillMember(Map<String, AttributeValue> prompt, String ownerId, String collectionId) {
        if (prompt == null || prompt.isEmpty() || !prompt.containsKey(COLLECTION_IDS) || !prompt.containsKey(REVISION)) {
            return false;
        }
        AttributeValue owner = prompt.get(OWNER);
        return (owner == null || ownerId.equals(owner.s()))
                && prompt.get(COLLECTION_IDS).l().stream().anyMatch(value -> collectionId.equals(value.s()));
    }

    private QueryRequest.Builder query(String ownerId, String collectionId, Map<String, String> moreNames) {
        Map<String, String> names = new HashMap<>(moreNames);
        names.put("#owner", OWNER);
        names.put("#cols", COLLECTION_IDS);
        return QueryRequest.builder().tableName(promptsTable).indexName(PromptItem.BY_OWNER_INDEX)
                .keyConditionExpression("#owner = :owner")
                .filterExpression("contains(#cols, :collection)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId), ":collection", AttributeValue.fromS(collectionId)));
    }

    private Iterable<QueryResponse> pages(QueryRequest.Builder request) {
        return dynamo.queryPaginator(request.build());
    }
}
