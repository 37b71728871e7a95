package io.promptcms.prompt;

import io.promptcms.aws.Backoff;
import io.promptcms.aws.BatchGet;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The prompts and prompt versions tables. Reads go through the Enhanced Client; writes that must happen together
 * (a prompt and its new version) are one low-level TransactWriteItems, conditional on the revision that was read,
 * so concurrent writers can never silently overwrite each other.
 */
public final class PromptRepository {

    /** The attributes the prompts service writes: all but owner, team, creation and the usage counters. */
    private static final List<String> EDITABLE = PromptSchemas.PROMPT.attributeNames().stream()
            .filter(name -> !Set.of(PromptSchemas.ID, PromptSchemas.OWNER_ID, "teamId", "createdAt", "createdBy", PromptSchemas.USAGE_COUNT,
                    PromptSchemas.TOTAL_COST_USD, PromptSchemas.LAST_RUN_AT, PromptSchemas.USAGE_REVISION).contains(name))
            .toList();
    private static final Set<String> OWNER_KEY = Set.of(PromptSchemas.ID, PromptSchemas.OWNER_ID, PromptSchemas.OWNER_SORT);
    private static final Set<String> VERSION_KEY = Set.of(PromptSchemas.PROMPT_ID, PromptSchemas.VERSION_NUMBER);
    /** A filtered list reads at most this many pages before it hands out a cursor, to stay well inside 30 s. */
    private static final int MAX_FILTERED_QUERIES = 10;
    private static final int FILTERED_PAGE_SIZE = 100;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_BATCH_ATTEMPTS = 5;
    /** Bulk writes meet throttling under load: more, longer backoffs (the last waits up to 50 ms × 2^8 ≈ 13 s). */
    private static final int MAX_BULK_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<StoredPrompt> prompts;
    private final DynamoDbTable<StoredPrompt> versions;

    public PromptRepository(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, String promptsTable, String versionsTable) {
        this.dynamo = dynamo;
        this.prompts = enhanced.table(promptsTable, PromptSchemas.PROMPT);
        this.versions = enhanced.table(versionsTable, PromptSchemas.VERSION);
    }

    /** One page of items and the cursor of the next, null at the end. */
    public record Slice(List<StoredPrompt> items, String nextCursor) {

        public Slice {
            items = List.copyOf(items);
        }
    }

    public Optional<StoredPrompt> get(String id) {
        return Optional.ofNullable(prompts.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true)));
    }

    /** The prompts with these ids that exist, by id (BatchGetItem, at most 100 ids). */
    public Map<String, StoredPrompt> getAll(List<String> ids) {
        Map<String, StoredPrompt> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().distinct().map(PromptSchemas::key).toList();
        BatchGet.all(dynamo, prompts.tableName(), KeysAndAttributes.builder().keys(keys).build()).stream()
                .map(PromptSchemas.PROMPT::mapToItem)
                .forEach(prompt -> found.put(prompt.id(), prompt));
        return found;
    }

    /** The owner's prompts, most recently updated first; {@code limit} items at most and the key to go on from. */
    public Slice listByOwner(String ownerId, ListFilter filter, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null : PageCursor.decode(cursor, OWNER_KEY, PromptSchemas.OWNER_ID, ownerId);
        DynamoDbIndex<StoredPrompt> index = prompts.index(PromptSchemas.BY_OWNER_INDEX);
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ownerId)))
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(filter.isEmpty() ? limit + 1 : FILTERED_PAGE_SIZE);
        filter.expression().ifPresent(request::filterExpression);
        return collect(index.query(request.build()), limit, item -> Map.of(
                PromptSchemas.ID, AttributeValue.fromS(item.id()),
                PromptSchemas.OWNER_ID, AttributeValue.fromS(item.ownerId()),
                PromptSchemas.OWNER_SORT, AttributeValue.fromS(item.ownerSort())));
    }

    public Optional<StoredPrompt> version(String promptId, long version) {
        return Optional.ofNullable(versions.getItem(Key.builder().partitionValue(promptId).sortValue(version).build()));
    }

    /** A prompt's versions, newest first. */
    public Slice versions(String promptId, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null : PageCursor.decode(cursor, VERSION_KEY, PromptSchemas.PROMPT_ID, promptId);
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(promptId)))
                .scanIndexForward(false)
                .exclusiveStartKey(start)
                .limit(limit + 1)
                .build();
        return collect(versions.query(request), limit, PromptRepository::versionKey);
    }

    /** Writes a new prompt and its first version; fails if either exists already. */
    public void create(NewPrompt created) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(prompts.tableName())
                        .item(PromptSchemas.PROMPT.itemToMap(created.prompt(), true))
                        .conditionExpression("attribute_not_exists(" + PromptSchemas.ID + ")").build()).build(),
                newVersion(created.firstVersion())));
    }

    /**
     * Writes new prompts and their first versions with BatchWriteItem (25 items a call), retrying unprocessed
     * items with exponential backoff and full jitter. Unconditional puts: callers use ids no other prompt can
     * have (an import derives them from its job and row, so writing a batch again rewrites the same items).
     */
    public void createAll(List<NewPrompt> created) {
        int perBatch = BATCH_WRITE_LIMIT / 2;
        for (int from = 0; from < created.size(); from += perBatch) {
            List<NewPrompt> chunk = created.subList(from, Math.min(created.size(), from + perBatch));
            writeAll(Map.of(
                    prompts.tableName(), chunk.stream().map(p -> put(PromptSchemas.PROMPT.itemToMap(p.prompt(), true))).toList(),
                    versions.tableName(), chunk.stream().map(p -> put(PromptSchemas.VERSION.itemToMap(p.firstVersion(), true))).toList()),
                    "new prompts");
        }
    }

    /**
     * Writes the first version of prompts an interrupted import already created, unless it exists: {@link #createAll}'s
     * BatchWriteItem is not atomic, so a crash can leave a prompt without its first version. Put-if-absent, so a
     * version that made it (or a later edit's history) is never overwritten.
     */
    public void writeMissingFirstVersions(List<NewPrompt> created) {
        for (NewPrompt prompt : created) {
            try {
                dynamo.putItem(r -> r.tableName(versions.tableName())
                        .item(PromptSchemas.VERSION.itemToMap(prompt.firstVersion(), true))
                        .conditionExpression("attribute_not_exists(" + PromptSchemas.PROMPT_ID + ")"));
            } catch (ConditionalCheckFailedException alreadyThere) {
                // written before the crash: nothing to repair
            }
        }
    }

    /**
     * Id, name and content fingerprint of every prompt of the owner, from the byOwner index (a projection: no content
     * is read).
     */
    public List<StoredPrompt> namesOf(String ownerId) {
        return prompts.index(PromptSchemas.BY_OWNER_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ownerId)))
                        .attributesToProject(PromptSchemas.ID, PromptSchemas.NAME, PromptSchemas.CONTENT_FINGERPRINT)
                        .build())
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    /**
     * Id and name of at most {@code limit} of the owner's prompts whose content has this fingerprint, from the
     * byFingerprint index (eventually consistent, like every GSI: a prompt written a moment ago may be missing).
     */
    public List<StoredPrompt> withFingerprint(String ownerId, String fingerprint, int limit) {
        String key = ContentFingerprint.ownerKey(ownerId, fingerprint);
        return prompts.index(PromptSchemas.BY_FINGERPRINT_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(key)))
                        .limit(limit)
                        .build())
                .stream().flatMap(page -> page.items().stream()).limit(limit).toList();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private void writeAll(Map<String, List<WriteRequest>> requestItems, String what) {
        Map<String, List<WriteRequest>> pending = requestItems;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_BULK_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + what + " unwritten after " + attempt + " attempts");
            }
            Backoff.beforeAttempt(attempt);
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    /**
     * Replaces the editable attributes of a prompt if its revision is still {@code readRevision}, together with
     * writing {@code newVersion} when there is one. False when another writer got there first.
     */
    public boolean update(StoredPrompt prompt, long readRevision, StoredPrompt newVersion) {
        Map<String, AttributeValue> attributes = PromptSchemas.PROMPT.itemToMap(prompt, true);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (int i = 0; i < EDITABLE.size(); i++) {
            String attribute = EDITABLE.get(i);
            names.put("#a" + i, attribute);
            if (attributes.containsKey(attribute)) {
                set.add("#a" + i + " = :a" + i);
                values.put(":a" + i, attributes.get(attribute));
            } else {
                remove.add("#a" + i);
            }
        }
        names.put("#revision", PromptSchemas.REVISION);
        values.put(":readRevision", AttributeValue.fromN(Long.toString(readRevision)));
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(prompts.tableName())
                .key(PromptSchemas.key(prompt.id()))
                .updateExpression(expression)
                .conditionExpression("#revision = :readRevision")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build());
        if (newVersion != null) {
            writes.add(newVersion(newVersion));
        }
        return committed(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
    }

    /** What a delete did: nothing (lost a race), or deleted the prompt and its history, some of whose content is in S3. */
    public record Deletion(boolean deleted, boolean externalContent) {
    }

    /** Deletes a prompt if its revision is still {@code readRevision}, then its history. */
    public Deletion delete(String id, long readRevision) {
        boolean deleted = committed(() -> dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                .delete(d -> d.tableName(prompts.tableName())
                        .key(PromptSchemas.key(id))
                        .conditionExpression(PromptSchemas.REVISION + " = :readRevision")
                        .expressionAttributeValues(Map.of(":readRevision", AttributeValue.fromN(Long.toString(readRevision)))))
                .build())));
        return deleted ? new Deletion(true, deleteVersions(id)) : new Deletion(false, false);
    }

    /** Deletes the history rows of a prompt; true when any of them kept its content in S3. */
    private boolean deleteVersions(String promptId) {
        List<StoredPrompt> rows = versions.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(promptId)))
                        .attributesToProject(PromptSchemas.PROMPT_ID, PromptSchemas.VERSION_NUMBER, PromptSchemas.CONTENT_REF).build())
                .items().stream().toList();
        var keys = rows.stream()
                .map(row -> WriteRequest.builder().deleteRequest(d -> d.key(versionKey(row))).build())
                .toList();
        for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
            writeAll(Map.of(versions.tableName(), keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_LIMIT))), "versions of " + promptId);
        }
        return rows.stream().anyMatch(row -> row.contentRef() != null);
    }

    private static Map<String, AttributeValue> versionKey(StoredPrompt row) {
        return Map.of(PromptSchemas.PROMPT_ID, AttributeValue.fromS(row.id()),
                PromptSchemas.VERSION_NUMBER, AttributeValue.fromN(Long.toString(row.version())));
    }

    private TransactWriteItem newVersion(StoredPrompt version) {
        return TransactWriteItem.builder().put(Put.builder().tableName(versions.tableName())
                .item(PromptSchemas.VERSION.itemToMap(version, true))
                .conditionExpression("attribute_not_exists(" + PromptSchemas.PROMPT_ID + ")").build()).build();
    }

    /**
     * Reads query pages until {@code limit} items are collected; the next key is that of the last item returned
     * when more follow (one extra item tells), DynamoDB's own key when the read budget ran out, else null.
     */
    private static Slice collect(Iterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<StoredPrompt>> pages, int limit,
                                 java.util.function.Function<StoredPrompt, Map<String, AttributeValue>> keyOf) {
        List<StoredPrompt> items = new ArrayList<>();
        int queries = 0;
        for (var page : pages) {
            items.addAll(page.items());
            queries++;
            if (items.size() > limit) {
                List<StoredPrompt> firstPage = List.copyOf(items.subList(0, limit));
                return new Slice(firstPage, PageCursor.encode(new LinkedHashMap<>(keyOf.apply(firstPage.get(limit - 1)))));
            }
            if (page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty()) {
                return new Slice(items, null);
            }
            if (queries == MAX_FILTERED_QUERIES) {
                return new Slice(items, PageCursor.encode(page.lastEvaluatedKey()));
            }
        }
        return new Slice(items, null);
    }

    /**
     * Runs a conditional transaction: true when it committed, false when its condition failed. A clash with
     * another transaction in flight on the same item is retried: the condition decides once that one is done.
     */
    private static boolean committed(Runnable transaction) {
        for (int attempt = 0; ; attempt++) {
            Backoff.beforeAttempt(attempt);
            try {
                transaction.run();
                return true;
            } catch (TransactionCanceledException e) {
                if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    return false;
                }
                boolean clash = e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!clash || attempt == MAX_BATCH_ATTEMPTS - 1) {
                    throw e;
                }
            }
        }
    }
}
