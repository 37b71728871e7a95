package io.promptcms.usage;

import io.promptcms.common.ApiException;
import io.promptcms.prompt.OwnedPrompts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Usage totals and series from the daily rollups only: one query on the one rollup key the filters select, at most
 * {@value StatsQuery#MAX_DAYS} small items, however many events were recorded.
 */
public final class UsageStatsService {

    private final DynamoDbClient dynamo;
    private final String rollupsTable;
    private final OwnedPrompts prompts;

    public UsageStatsService(DynamoDbClient dynamo, String rollupsTable, OwnedPrompts prompts) {
        this.dynamo = dynamo;
        this.rollupsTable = rollupsTable;
        this.prompts = prompts;
    }

    public UsageStatsView stats(String ownerId, StatsQuery query) {
        if (query.promptId() != null && !prompts.owns(ownerId, query.promptId())) {
            throw ApiException.notFound("prompt");
        }
        Map<String, UsageTotals> byPeriod = new LinkedHashMap<>();
        GroupBy groupBy = query.groupBy();
        for (LocalDate start = groupBy.start(query.from()); !start.isAfter(query.to()); start = groupBy.next(start)) {
            byPeriod.put(groupBy.label(start), UsageTotals.ZERO);
        }
        UsageTotals totals = UsageTotals.ZERO;
        for (Map<String, AttributeValue> item : days(UsageRollups.key(ownerId, query.model(), query.promptId()), query.from(), query.to())) {
            UsageTotals day = UsageTotals.fromItem(item);
            byPeriod.merge(groupBy.label(groupBy.start(LocalDate.parse(item.get(UsageRollups.DAY).s()))), day, UsageTotals::plus);
            totals = totals.plus(day);
        }
        List<UsageStatsView.Point> series = new ArrayList<>(byPeriod.size());
        byPeriod.forEach((period, sum) -> series.add(UsageStatsView.Point.of(period, sum)));
        return new UsageStatsView(query.from().toString(), query.to().toString(), groupBy.value(),
                new UsageStatsView.Filters(query.model(), query.promptId()), totals, series);
    }

    private Iterable<Map<String, AttributeValue>> days(String rollupKey, LocalDate from, LocalDate to) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(rollupsTable)
                .keyConditionExpression("#key = :key AND #day BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#key", UsageRollups.ROLLUP_KEY, "#day", UsageRollups.DAY))
                .expressionAttributeValues(Map.of(
                        ":key", AttributeValue.fromS(rollupKey),
                        ":from", AttributeValue.fromS(from.toString()),
                        ":to", AttributeValue.fromS(to.toString())))
                .build()).items();
    }
}
