package io.promptcms.collection;

import io.promptcms.auth.Principal;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import io.promptcms.prompt.RevisionCondition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The caller's collections. Every read checks the owner, so another user's collection is "not found".
 * Names are unique per owner, ignoring case; the check reads the owner's collections (a handful of items),
 * so two concurrent creates of one name can both pass it — a rare, harmless duplicate the user can rename.
 */
public final class CollectionService {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2_000;

    private static final int MAX_UPDATE_ATTEMPTS = 3;
    private static final Set<String> CURSOR_KEYS = Set.of("id", "ownerId", "ownerSort");

    private final DynamoDbTable<CollectionItem> table;
    private final PromptMemberships memberships;
    private final Clock clock;

    public CollectionService(DynamoDbClient dynamo, String collectionsTable, String promptsTable, Clock clock) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(collectionsTable, CollectionItem.SCHEMA);
        this.memberships = new PromptMemberships(dynamo, promptsTable);
        this.clock = clock;
    }

    public Collection create(Principal caller, String name, String description) {
        String cleanName = validate(name, description);
        ensureNameFree(caller.userId(), cleanName, null);
        String now = Timestamps.now(clock);
        CollectionItem item = new CollectionItem();
        item.setId(Ids.newId("col"));
        item.setOwnerId(caller.userId());
        item.setOwnerSort(now + "#" + item.getId());
        item.setName(cleanName);
        item.setDescription(description);
        item.setCreatedAt(now);
        item.setUpdatedAt(now);
        item.setRevision(1L);
        table.putItem(r -> r.item(item).conditionExpression(Expression.builder().expression("attribute_not_exists(id)").build()));
        return Collection.of(item, 0L);
    }

    /** One collection with the number of the caller's prompts in it. */
    public Collection get(Principal caller, String id) {
        CollectionItem item = load(caller, id);
        return Collection.of(item, memberships.count(caller.userId(), id));
    }

    public Page<Collection> list(Principal caller, int limit, Optional<String> cursor) {
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(caller.userId()).build()))
                .scanIndexForward(false)
                .limit(limit);
        cursor.ifPresent(c -> request.exclusiveStartKey(PageCursor.decode(c, CURSOR_KEYS, "ownerId", caller.userId())));
        software.amazon.awssdk.enhanced.dynamodb.model.Page<CollectionItem> page = table.index(CollectionItem.BY_OWNER_INDEX).query(request.build()).iterator().next();
        return new Page<>(page.items().stream().map(item -> Collection.of(item, null)).toList(),
                PageCursor.encode(page.lastEvaluatedKey()));
    }

    /**
     * Replaces name and description. With a specific If-Match ({@code condition}) a stale or lost race is 412;
     * without one the write applies to the current revision, re-reading if a concurrent write got there first.
     */
    public Collection update(Principal caller, String id, RevisionCondition condition, String name, String description) {
        String cleanName = validate(name, description);
        for (int attempt = 1; ; attempt++) {
            CollectionItem item = load(caller, id);
            if (!condition.allows(item.getRevision())) {
                throw new ApiException(ProblemType.PRECONDITION_FAILED, "collection " + id + " is at revision " + item.getRevision() + "; read it again");
            }
            ensureNameFree(caller.userId(), cleanName, id);
            long read = item.getRevision();
            item.setName(cleanName);
            item.setDescription(description);
            item.setUpdatedAt(Timestamps.now(clock));
            item.setRevision(read + 1);
            try {
                table.putItem(r -> r.item(item).conditionExpression(Expression.builder()
                        .expression("ownerId = :owner AND revision = :read")
                        .putExpressionValue(":owner", AttributeValue.fromS(caller.userId()))
                        .putExpressionValue(":read", AttributeValue.fromN(Long.toString(read)))
                        .build()));
                return Collection.of(item, null);
            } catch (ConditionalCheckFailedException e) {
                if (condition.isSpecific()) {
                    throw new ApiException(ProblemType.PRECONDITION_FAILED, "the collection changed since that ETag; read it again");
                }
                if (attempt == MAX_UPDATE_ATTEMPTS) {
                    throw new ApiException(ProblemType.CONFLICT, "the collection is being changed by other requests; try again");
                }
            }
        }
    }

    /**
     * Deletes the collection, never its prompts: first the collection id is taken out of every prompt that
     * lists it, then the collection goes. In that order a failure half-way leaves the collection in place,
     * so the delete can simply be repeated.
     */
    public void delete(Principal caller, String id) {
        load(caller, id);
        memberships.removeEverywhere(caller.userId(), id);
        try {
            table.deleteItem(r -> r.key(Key.builder().partitionValue(id).build()).conditionExpression(Expression.builder()
                    .expression("ownerId = :owner")
                    .putExpressionValue(":owner", AttributeValue.fromS(caller.userId()))
                    .build()));
        } catch (ConditionalCheckFailedException e) {
            throw notFound(); // deleted concurrently
        }
    }

    private CollectionItem load(Principal caller, String id) {
        CollectionItem item = Ids.looksLike("col", id)
                ? table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true))
                : null;
        if (item == null || !caller.userId().equals(item.getOwnerId())) {
            throw notFound();
        }
        return item;
    }

    private void ensureNameFree(String ownerId, String name, String exceptId) {
        table.index(CollectionItem.BY_OWNER_INDEX)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(ownerId).build()))
                        .attributesToProject("id", "name")
                        .build())
                .stream().flatMap(page -> page.items().stream())
                .filter(other -> !other.getId().equals(exceptId) && other.getName().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(other -> {
                    throw new ApiException(ProblemType.CONFLICT, "a collection named '" + other.getName() + "' already exists: " + other.getId(),
                            List.of(new FieldError("name", "is already used by collection " + other.getId())));
                });
    }

    private static String validate(String name, String description) {
        List<FieldError> errors = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (clean.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return clean;
    }

    private static ApiException notFound() {
        return ApiException.notFound("collection");
    }
}
