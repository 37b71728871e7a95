package io.promptcms.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The layout of the usage rollups table: one item per rollup key and UTC day ({@code yyyy-MM-dd}) holding
 * {@link UsageTotals}. Each event is counted under the owner's total and by model, and when it names a prompt also
 * by prompt and by model + prompt, so every stats filter reads exactly one key:
 * {@code <owner>#all}, {@code <owner>#m#<model>}, {@code <owner>#p#<promptId>}, {@code <owner>#mp#<model>#<promptId>}.
 * The owner is a user id today; a team scope would be {@code team#<id>} in the same place.
 */
public final class UsageRollups {

    public static final String ROLLUP_KEY = "rollupKey";
    public static final String DAY = "day";

    private UsageRollups() {
    }

    /** The rollup key a stats query reads for these filters (either may be null). */
    public static String key(String ownerId, String model, String promptId) {
        if (model != null && promptId != null) {
            return ownerId + "#mp#" + model + "#" + promptId;
        }
        if (model != null) {
            return ownerId + "#m#" + model;
        }
        return promptId != null ? ownerId + "#p#" + promptId : ownerId + "#all";
    }

    /** Every rollup key a call of {@code model} counts under, with the prompt's keys when {@code promptId} is not null. */
    public static List<String> keysOf(String ownerId, String model, String promptId) {
        List<String> keys = new ArrayList<>(4);
        keys.add(key(ownerId, null, null));
        keys.add(key(ownerId, model, null));
        if (promptId != null) {
            keys.add(key(ownerId, null, promptId));
            keys.add(key(ownerId, model, promptId));
        }
        return keys;
    }

    public static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /**
     * A whole rollup item holding {@code totals}: what {@link #add} leaves on an item that did not exist. For loading
     * rollups in bulk (a benchmark) with the same attributes the aggregator writes.
     */
    public static Map<String, AttributeValue> item(String rollupKey, String day, UsageTotals totals) {
        Map<String, AttributeValue> item = new HashMap<>();
        totals.addValues().forEach((placeholder, value) -> item.put(placeholder.substring(1), value));
        item.put(ROLLUP_KEY, AttributeValue.fromS(rollupKey));
        item.put(DAY, AttributeValue.fromS(day));
        return item;
    }

    /** Adds {@code totals} to one rollup item (created by the first ADD). */
    public static Update add(String table, String rollupKey, String day, UsageTotals totals) {
        return Update.builder().tableName(table)
                .key(Map.of(ROLLUP_KEY, AttributeValue.fromS(rollupKey), DAY, AttributeValue.fromS(day)))
                .updateExpression(UsageTotals.ADD_EXPRESSION)
                .expressionAttributeValues(totals.addValues())
                .build();
    }
}
