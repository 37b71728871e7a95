package io.promptcms.savedsearch;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The caller's saved searches. The query is checked by the prompt list's own parser before it is kept, so a saved
 * search always opens. A user keeps at most {@value #MAX_PER_USER}: few enough to list whole, newest first.
 */
public final class SavedSearchService {

    public static final int MAX_PER_USER = 200;
    public static final int MAX_NAME_LENGTH = 100;

    private final DynamoDbTable<SavedSearchItem> table;
    private final SearchQueryCanonicalizer canonicalizer;
    private final Clock clock;

    public SavedSearchService(DynamoDbClient dynamo, String tableName, SearchQueryCanonicalizer canonicalizer, Clock clock) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, SavedSearchItem.SCHEMA);
        this.canonicalizer = canonicalizer;
        this.clock = clock;
    }

    public SavedSearch create(String ownerId, String name, String query, String teamId) {
        if (teamId != null) {
            throw ApiException.badRequest("teams are not available yet: a saved search is the caller's own");
        }
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? null : name.strip();
        if (cleanName == null || cleanName.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (cleanName.codePointCount(0, cleanName.length()) > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (query == null) {
            errors.add(new FieldError("query", "is required: the query string of GET /api/v1/prompts (may be empty)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String canonical = canonicalizer.canonical(query.startsWith("?") ? query.substring(1) : query);
        if (list(ownerId).size() >= MAX_PER_USER) {
            throw new ApiException(ProblemType.CONFLICT, "at most " + MAX_PER_USER + " saved searches: delete one first");
        }
        SavedSearchItem item = new SavedSearchItem();
        item.setOwnerId(ownerId);
        item.setId(Ids.newId("svs"));
        item.setName(cleanName);
        item.setQuery(canonical);
        item.setCreatedAt(Timestamps.now(clock));
        table.putItem(item);
        return SavedSearch.of(item);
    }

    /** Newest first. */
    public List<SavedSearch> list(String ownerId) {
        return table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(ownerId).build())).items().stream()
                .sorted(Comparator.comparing(SavedSearchItem::getCreatedAt).thenComparing(SavedSearchItem::getId).reversed())
                .map(SavedSearch::of)
                .toList();
    }

    public void delete(String ownerId, String id) {
        SavedSearchItem deleted = table.deleteItem(Key.builder().partitionValue(ownerId).sortValue(id).build());
        if (deleted == null) {
            throw ApiException.notFound("saved search");
        }
    }
}
