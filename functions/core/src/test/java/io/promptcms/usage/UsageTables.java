package io.promptcms.usage;

import io.promptcms.common.Ids;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.pricing.Pricing;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB (moto) with the template's tables, and what usage tests read and write there. */
final class UsageTables implements AutoCloseable {

    /** A price list of one model, $1 per 1M input and $2 per 1M output tokens: a pure function, as the catalog is. */
    static final Pricing ONE_MODEL_PRICING = new Pricing() {
        @Override
        public boolean knows(String model) {
            return "test-model".equals(model);
        }

        @Override
        public CostEstimate cost(String model, Instant at, long inputTokens, long outputTokens) {
            return knows(model)
                    ? CostEstimate.known(BigDecimal.valueOf(inputTokens).add(BigDecimal.valueOf(outputTokens * 2)).divide(BigDecimal.valueOf(1_000_000), 10, RoundingMode.UNNECESSARY).stripTrailingZeros())
                    : CostEstimate.unknown("no price for model " + model);
        }
    };

    final LocalDynamoDb local;
    final DynamoDbClient dynamo;
    final TemplateTables tables;

    UsageTables(String prefix) {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        tables = TemplateTables.create(dynamo, prefix);
    }

    String events() {
        return tables.name("UsageEventsTable");
    }

    String rollups() {
        return tables.name("UsageRollupsTable");
    }

    String budgets() {
        return tables.name("BudgetsTable");
    }

    String prompts() {
        return tables.prompts();
    }

    /** A prompt of {@code ownerId} at revision 1, never run. */
    String prompt(String ownerId) {
        String id = Ids.newId("prm");
        StoredPrompt item = StoredPrompt.builder().id(id).ownerId(ownerId).ownerSort("2026-01-01T00:00:00.000Z#" + id)
                .fields(new PromptFields("prompt " + id, "Say {{x}}", null, null, null, null, null))
                .version(1L).revision(1L).usageCount(0L).totalCostUsd(0.0).build();
        dynamo.putItem(r -> r.tableName(prompts()).item(PromptTable.item(item)));
        return id;
    }

    Map<String, AttributeValue> promptItem(String id) {
        return dynamo.getItem(b -> b.tableName(prompts()).key(Map.of("id", AttributeValue.fromS(id)))).item();
    }

    /** The owner's stored events. */
    List<Map<String, AttributeValue>> eventsOf(String ownerId) {
        return dynamo.query(b -> b.tableName(events()).keyConditionExpression("ownerId = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(ownerId)))).items();
    }

    Map<String, AttributeValue> rollup(String key, String day) {
        return dynamo.getItem(b -> b.tableName(rollups()).key(Map.of("rollupKey", AttributeValue.fromS(key), "day", AttributeValue.fromS(day)))).item();
    }

    static String newOwner() {
        return Ids.newId("usr");
    }

    @Override
    public void close() {
        local.shutdown();
    }
}
