package io.promptcms.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

class UsageRollupsTest {

    private static UsageTables tables;

    @BeforeAll
    static void start() {
        tables = new UsageTables("rollups-");
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @Test
    void theKeysOfACallAreAllByModelByPromptAndByBoth() {
        assertEquals(List.of("usr_a#all", "usr_a#m#gpt-4o", "usr_a#p#prm_1", "usr_a#mp#gpt-4o#prm_1"), UsageRollups.keysOf("usr_a", "gpt-4o", "prm_1"));
        assertEquals(List.of("usr_a#all", "usr_a#m#gpt-4o"), UsageRollups.keysOf("usr_a", "gpt-4o", null));
    }

    @Test
    void aWholeItemHoldsExactlyWhatTheAggregatorsAddsLeave() {
        UsageTotals totals = new UsageTotals(3, 1, 1200, 340, new BigDecimal("0.0012345"), 1);
        Update add = UsageRollups.add(tables.rollups(), "usr_a#all", "2026-11-26", totals);
        tables.dynamo.updateItem(b -> b.tableName(add.tableName()).key(add.key()).updateExpression(add.updateExpression())
                .expressionAttributeValues(add.expressionAttributeValues()));
        tables.dynamo.putItem(b -> b.tableName(tables.rollups()).item(UsageRollups.item("usr_b#all", "2026-11-26", totals)));

        assertEquals(withoutKey(read("usr_a#all")), withoutKey(read("usr_b#all")));
    }

    private static Map<String, AttributeValue> read(String key) {
        return tables.dynamo.getItem(b -> b.tableName(tables.rollups()).key(Map.of(
                UsageRollups.ROLLUP_KEY, AttributeValue.fromS(key), UsageRollups.DAY, AttributeValue.fromS("2026-11-26")))).item();
    }

    private static Map<String, AttributeValue> withoutKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> values = new HashMap<>(item);
        values.remove(UsageRollups.ROLLUP_KEY);
        return values;
    }
}
