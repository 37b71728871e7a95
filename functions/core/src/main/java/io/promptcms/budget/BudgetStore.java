package io.promptcms.budget;

import static io.promptcms.budget.BudgetLedger.ALLOW_UNPRICED_MODELS;
import static io.promptcms.budget.BudgetLedger.COMMITTED_USD;
import static io.promptcms.budget.BudgetLedger.CONFIG_PERIOD;
import static io.promptcms.budget.BudgetLedger.HARD_STOP;
import static io.promptcms.budget.BudgetLedger.LIMIT_USD;
import static io.promptcms.budget.BudgetLedger.RESERVED_USD;
import static io.promptcms.budget.BudgetLedger.UPDATED_AT;
import static io.promptcms.budget.BudgetLedger.WARN_AT_PERCENT;
import static io.promptcms.budget.BudgetLedger.ledgerKey;

import io.promptcms.common.Timestamps;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The budgets table ({@link BudgetLedger} layout): budget items and monthly ledgers, amounts as exact DynamoDB numbers. */
final class BudgetStore {

    /** The outcome of a conditional hold: {@code committedUsd} after the hold when granted, as found when refused. */
    record Hold(boolean granted, BigDecimal committedUsd) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    BudgetStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Optional<Budget> budget(String scope) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(ledgerKey(scope, CONFIG_PERIOD)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Budget(number(item.get(LIMIT_USD)), Integer.parseInt(item.get(WARN_AT_PERCENT).n()),
                item.get(HARD_STOP).bool(), item.get(ALLOW_UNPRICED_MODELS).bool(), item.get(UPDATED_AT).s()));
    }

    void put(String scope, Budget budget) {
        Map<String, AttributeValue> item = new HashMap<>(ledgerKey(scope, CONFIG_PERIOD));
        item.put(LIMIT_USD, AttributeValue.fromN(budget.limitUsd().toPlainString()));
        item.put(WARN_AT_PERCENT, AttributeValue.fromN(Integer.toString(budget.warnAtPercent())));
        item.put(HARD_STOP, AttributeValue.fromBool(budget.hardStop()));
        item.put(ALLOW_UNPRICED_MODELS, AttributeValue.fromBool(budget.allowUnpricedModels()));
        item.put(UPDATED_AT, AttributeValue.fromS(budget.updatedAt()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** True when there was a budget to delete; the month's ledgers stay (spend is history, not configuration). */
    boolean delete(String scope) {
        Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table).key(ledgerKey(scope, CONFIG_PERIOD))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    MonthSpend month(String scope, String period) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(ledgerKey(scope, period)).consistentRead(true)).item();
        return monthOf(period, item);
    }

    /** Adds to both ledger figures unconditionally (negative deltas subtract) and answers the month as it now is. */
    MonthSpend add(String scope, String period, BigDecimal committedDelta, BigDecimal reservedDelta) {
        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table).key(ledgerKey(scope, period))
                .updateExpression("ADD #committed :committed, #reserved :reserved")
                .expressionAttributeNames(Map.of("#committed", COMMITTED_USD, "#reserved", RESERVED_USD))
                .expressionAttributeValues(Map.of(
                        ":committed", AttributeValue.fromN(committedDelta.toPlainString()),
                        ":reserved", AttributeValue.fromN(reservedDelta.toPlainString())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return monthOf(period, updated);
    }

    /**
     * Holds {@code usd} against the month if committed spend stays within {@code limitUsd}, in one conditional
     * update: the check and the add are one atomic step, so concurrent runs cannot all pass the check and then
     * overshoot together. Callers ensure {@code usd <= limitUsd}.
     */
    Hold holdWithin(String scope, String period, BigDecimal usd, BigDecimal limitUsd) {
        String amount = usd.toPlainString();
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table).key(ledgerKey(scope, period))
                    .updateExpression("ADD #committed :usd, #reserved :usd")
                    .conditionExpression("attribute_not_exists(#committed) OR #committed <= :headroom")
                    .expressionAttributeNames(Map.of("#committed", COMMITTED_USD, "#reserved", RESERVED_USD))
                    .expressionAttributeValues(Map.of(
                            ":usd", AttributeValue.fromN(amount),
                            ":headroom", AttributeValue.fromN(limitUsd.subtract(usd).toPlainString())))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Hold(true, number(updated.get(COMMITTED_USD)));
        } catch (ConditionalCheckFailedException e) {
            return new Hold(false, e.hasItem() ? number(e.item().get(COMMITTED_USD)) : null);
        }
    }

    private static MonthSpend monthOf(String period, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> values = item == null ? Map.of() : item;
        return new MonthSpend(period, number(values.get(COMMITTED_USD)), number(values.get(RESERVED_USD)),
                Timestamps.format(BudgetLedger.periodEnd(period)));
    }

    /** An amount as stored; absent is 0. DynamoDB may normalise 10 to 1E+1: keep amounts plain. */
    private static BigDecimal number(AttributeValue value) {
        if (value == null || value.n() == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal n = new BigDecimal(value.n());
        return n.scale() < 0 ? n.setScale(0) : n;
    }
}
