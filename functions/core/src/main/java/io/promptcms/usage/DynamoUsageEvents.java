package io.promptcms.usage;

import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import java.time.Duration;
import java.util.Map;
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
 * The usage events table. An event is written once (conditional on its id being new), so a retried request with
 * the same deterministic event id records nothing twice; each event expires {@code retention} after it was recorded.
 */
public final class DynamoUsageEvents implements UsageEvents {

    private static final Set<String> PROMPT_CURSOR_KEYS = Set.of("ownerId", "eventId", "promptKey", "promptSort");
    private static final Expression NEW_EVENT = Expression.builder().expression("attribute_not_exists(eventId)").build();

    private final DynamoDbTable<UsageEventItem> table;
    private final Duration retention;

    public DynamoUsageEvents(DynamoDbClient dynamo, String tableName, int retentionDays) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, UsageEventItem.SCHEMA);
        this.retention = Duration.ofDays(retentionDays);
    }

    /** An event as a stream image or a scan returns it. */
    public static UsageEvent read(Map<String, AttributeValue> image) {
        return UsageEventItem.SCHEMA.mapToItem(image).toEvent();
    }

    /** An event as the table stores it, for bulk loads that write items themselves (benchmarks). */
    public static Map<String, AttributeValue> item(UsageEvent event, Duration retention) {
        return UsageEventItem.SCHEMA.itemToMap(UsageEventItem.of(event, retention), true);
    }

    @Override
    public boolean record(UsageEvent event) {
        try {
            table.putItem(r -> r.item(UsageEventItem.of(event, retention)).conditionExpression(NEW_EVENT));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<UsageEvent> byPrompt(String ownerId, String promptId, int limit, String cursor) {
        String promptKey = UsageEventItem.promptKey(ownerId, promptId);
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(promptKey).build()))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            Map<String, AttributeValue> start = PageCursor.decode(cursor, PROMPT_CURSOR_KEYS, "promptKey", promptKey);
            if (!ownerId.equals(start.get("ownerId").s())) {
                throw PageCursor.invalid();
            }
            request.exclusiveStartKey(start);
        }
        var page = table.index(UsageEventItem.BY_PROMPT_INDEX).query(request.build()).iterator().next();
        return new Page<>(page.items().stream().map(UsageEventItem::toEvent).toList(), PageCursor.encode(page.lastEvaluatedKey()));
    }
}
