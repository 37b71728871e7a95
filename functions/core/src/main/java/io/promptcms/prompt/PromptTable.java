package io.promptcms.prompt;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The prompts table as other features use it: typed reads of its items (a stream image, a scan page) and the
 * requests they send themselves, each built here so that no other package spells an attribute name. The requests
 * are plain SDK values: a caller can put an {@link Update} into its own transaction.
 */
public final class PromptTable {

    private final String name;

    public PromptTable(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A prompts-table item (a stream image, a scan or query result, even a projection of one) as a stored prompt. */
    public static StoredPrompt read(Map<String, AttributeValue> item) {
        return PromptSchemas.PROMPT.mapToItem(item);
    }

    /** The prompts-table item of a stored prompt (for bulk loaders that write items themselves). */
    public static Map<String, AttributeValue> item(StoredPrompt prompt) {
        return PromptSchemas.PROMPT.itemToMap(prompt, true);
    }

    /** The versions-table item of a history row. */
    public static Map<String, AttributeValue> versionItem(StoredPrompt version) {
        return PromptSchemas.VERSION.itemToMap(version, true);
    }

    // ------------------------------------------------------------------ usage

    /**
     * Counts one run into the prompt's {@code usageCount} and, when known, {@code totalCostUsd}, and bumps its
     * {@code usageRevision} (what the search index versions on); fails its condition when the prompt is gone or
     * is not {@code ownerId}'s.
     */
    public Update countRun(String promptId, String ownerId, BigDecimal costUsd) {
        Map<String, String> names = new HashMap<>(Map.of("#id", PromptSchemas.ID, "#owner", PromptSchemas.OWNER_ID,
                "#count", PromptSchemas.USAGE_COUNT, "#usageRevision", PromptSchemas.USAGE_REVISION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1"), ":owner", AttributeValue.fromS(ownerId)));
        String add = "ADD #count :one, #usageRevision :one";
        if (costUsd != null) {
            add += ", #cost :cost";
            names.put("#cost", PromptSchemas.TOTAL_COST_USD);
            values.put(":cost", AttributeValue.fromN(costUsd.toPlainString()));
        }
        return Update.builder().tableName(name)
                .key(PromptSchemas.key(promptId))
                .updateExpression(add)
                .conditionExpression("attribute_exists(#id) AND #owner = :owner")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** Raises the prompt's {@code lastRunAt} to {@code at} (a timestamp as text) unless it is later already or the prompt is gone. */
    public UpdateItemRequest raiseLastRunAt(String promptId, String ownerId, String at) {
        return UpdateItemRequest.builder().tableName(name)
                .key(PromptSchemas.key(promptId))
                .updateExpression("SET #last = :at")
                .conditionExpression("attribute_exists(#id) AND #owner = :owner AND (attribute_not_exists(#last) OR #last < :at)")
                .expressionAttributeNames(Map.of("#id", PromptSchemas.ID, "#owner", PromptSchemas.OWNER_ID, "#last", PromptSchemas.LAST_RUN_AT))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at), ":owner", AttributeValue.fromS(ownerId)))
                .build();
    }

    // ------------------------------------------------------------------ collection membership

    /**
     * The owner's prompts filed into a collection (id, owner, revision and collections of each), from the
     * {@code byOwner} index filtered by {@code contains(collectionIds, :id)}: the owner's whole partition is read.
     */
    public QueryRequest members(String ownerId, String collectionId) {
        return membersQuery(ownerId, collectionId)
                .projectionExpression("#id, #owner, #rev, #cols")
                .expressionAttributeNames(Map.of("#id", PromptSchemas.ID, "#owner", PromptSchemas.OWNER_ID,
                        "#rev", PromptSchemas.REVISION, "#cols", PromptSchemas.COLLECTION_IDS))
                .build();
    }

    /** The same query as {@link #members}, counting only. */
    public QueryRequest countMembers(String ownerId, String collectionId) {
        return membersQuery(ownerId, collectionId).select(Select.COUNT)
                .expressionAttributeNames(Map.of("#owner", PromptSchemas.OWNER_ID, "#cols", PromptSchemas.COLLECTION_IDS))
                .build();
    }

    /** The membership of one prompt, read strongly consistent (after a lost race). */
    public GetItemRequest membership(String promptId) {
        return GetItemRequest.builder().tableName(name).key(PromptSchemas.key(promptId)).consistentRead(true)
                .projectionExpression("#id, #owner, #rev, #cols")
                .expressionAttributeNames(Map.of("#id", PromptSchemas.ID, "#owner", PromptSchemas.OWNER_ID,
                        "#rev", PromptSchemas.REVISION, "#cols", PromptSchemas.COLLECTION_IDS))
                .build();
    }

    /**
     * Files the prompt into exactly {@code collectionIds}, growing its revision, if its revision is still the one of
     * {@code read}: a concurrent edit is never overwritten (the condition fails instead).
     */
    public UpdateItemRequest membershipChanged(StoredPrompt read, List<String> collectionIds) {
        return UpdateItemRequest.builder().tableName(name)
                .key(PromptSchemas.key(read.id()))
                .updateExpression("SET #cols = :collections, #rev = #rev + :one")
                .conditionExpression("#rev = :read")
                .expressionAttributeNames(Map.of("#cols", PromptSchemas.COLLECTION_IDS, "#rev", PromptSchemas.REVISION))
                .expressionAttributeValues(Map.of(
                        ":collections", AttributeValue.fromL(collectionIds.stream().map(AttributeValue::fromS).toList()),
                        ":one", AttributeValue.fromN("1"),
                        ":read", AttributeValue.fromN(Long.toString(read.revision()))))
                .build();
    }

    private QueryRequest.Builder membersQuery(String ownerId, String collectionId) {
        return QueryRequest.builder().tableName(name).indexName(PromptSchemas.BY_OWNER_INDEX)
                .keyConditionExpression("#owner = :owner")
                .filterExpression("contains(#cols, :collection)")
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId), ":collection", AttributeValue.fromS(collectionId)));
    }

    // ------------------------------------------------------------------ rebuilding the search index

    /** Every item in full, strongly consistent (add a segment to read in parallel). */
    public ScanRequest scanAll() {
        return ScanRequest.builder().tableName(name).consistentRead(true).build();
    }

    /** Every prompt's id, revision and usage revision (what the search index versions on), strongly consistent. */
    public ScanRequest scanRevisions() {
        return ScanRequest.builder().tableName(name).consistentRead(true)
                .projectionExpression("#id, #revision, #usageRevision")
                .expressionAttributeNames(Map.of("#id", PromptSchemas.ID, "#revision", PromptSchemas.REVISION,
                        "#usageRevision", PromptSchemas.USAGE_REVISION))
                .build();
    }

    /** One prompt, strongly consistent. */
    public GetItemRequest get(String promptId) {
        return GetItemRequest.builder().tableName(name).key(PromptSchemas.key(promptId)).consistentRead(true).build();
    }
}
