package io.promptcms.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The layout of the budgets table, shared by the run path (reserve, then settle) and the usage aggregator (spend
 * of tracked calls). Key: {@code scope} ({@code user#<id>}) + {@code period}: {@code config} holds the budget,
 * {@code yyyy-MM} (UTC) holds that month's ledger. {@code committedUsd} = spend settled + reservations still open;
 * a hard stop is a condition on that one attribute, because a condition expression cannot add two attributes.
 * {@code reservedUsd} = the reservations still open (so spend = committed − reserved).
 */
public final class BudgetLedger {

    public static final String SCOPE = "scope";
    public static final String PERIOD = "period";
    public static final String CONFIG_PERIOD = "config";
    public static final String COMMITTED_USD = "committedUsd";
    public static final String RESERVED_USD = "reservedUsd";
    /** Attributes of the {@code config} item. */
    public static final String LIMIT_USD = "limitUsd";
    public static final String WARN_AT_PERCENT = "warnAtPercent";
    public static final String HARD_STOP = "hardStop";
    public static final String ALLOW_UNPRICED_MODELS = "allowUnpricedModels";
    public static final String UPDATED_AT = "updatedAt";

    private BudgetLedger() {
    }

    public static String userScope(String userId) {
        return "user#" + userId;
    }

    /** The budget month an instant falls in: calendar months in UTC. */
    public static String period(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    /** When the month {@code period} ends and the next one's budget starts: midnight UTC on the 1st. */
    public static Instant periodEnd(String period) {
        return YearMonth.parse(period).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Map<String, AttributeValue> ledgerKey(String scope, String period) {
        return Map.of(SCOPE, AttributeValue.fromS(scope), PERIOD, AttributeValue.fromS(period));
    }

    /** Adds spend that was never reserved (a call reported through usage tracking) to its month's ledger. */
    public static Update addSettledSpend(String table, String scope, Instant at, BigDecimal usd) {
        return Update.builder().tableName(table)
                .key(ledgerKey(scope, period(at)))
                .updateExpression("ADD #committed :usd")
                .expressionAttributeNames(Map.of("#committed", COMMITTED_USD))
                .expressionAttributeValues(Map.of(":usd", AttributeValue.fromN(usd.toPlainString())))
                .build();
    }
}
