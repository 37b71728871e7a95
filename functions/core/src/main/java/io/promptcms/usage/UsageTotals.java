package io.promptcms.usage;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counters of usage: what one event adds to a rollup, what a rollup item holds, what stats answer.
 * {@code costUsd} sums the known costs only; {@code unpricedRuns} counts the calls whose cost is unknown, so a
 * total is never silently too low.
 */
public record UsageTotals(long runs, long failedRuns, long inputTokens, long outputTokens, BigDecimal costUsd, long unpricedRuns) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, BigDecimal.ZERO, 0);

    /** The stored attribute of each counter, in the order of the record. */
    static final String RUNS = "runs";
    static final String FAILED_RUNS = "failedRuns";
    static final String INPUT_TOKENS = "inputTokens";
    static final String OUTPUT_TOKENS = "outputTokens";
    static final String COST_USD = "costUsd";
    static final String UNPRICED_RUNS = "unpricedRuns";

    public static UsageTotals of(UsageEvent event) {
        boolean priced = event.cost().isKnown();
        return new UsageTotals(1, event.status() == UsageEvent.Status.FAILED ? 1 : 0, event.inputTokens(), event.outputTokens(),
                priced ? event.cost().usd() : BigDecimal.ZERO, priced ? 0 : 1);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(runs + other.runs, failedRuns + other.failedRuns, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, costUsd.add(other.costUsd), unpricedRuns + other.unpricedRuns);
    }

    /** The counters of a stored rollup item (an attribute never added is 0). */
    static UsageTotals fromItem(Map<String, AttributeValue> item) {
        return new UsageTotals(count(item, RUNS), count(item, FAILED_RUNS), count(item, INPUT_TOKENS), count(item, OUTPUT_TOKENS),
                item.containsKey(COST_USD) ? new BigDecimal(item.get(COST_USD).n()) : BigDecimal.ZERO, count(item, UNPRICED_RUNS));
    }

    /** ADD values for the counters, named {@code :runs}, {@code :failedRuns}, … as in {@link #ADD_EXPRESSION}. */
    Map<String, AttributeValue> addValues() {
        return Map.of(
                ":" + RUNS, number(runs),
                ":" + FAILED_RUNS, number(failedRuns),
                ":" + INPUT_TOKENS, number(inputTokens),
                ":" + OUTPUT_TOKENS, number(outputTokens),
                ":" + COST_USD, AttributeValue.fromN(costUsd.toPlainString()),
                ":" + UNPRICED_RUNS, number(unpricedRuns));
    }

    static final String ADD_EXPRESSION = "ADD " + String.join(", ",
            RUNS + " :" + RUNS, FAILED_RUNS + " :" + FAILED_RUNS, INPUT_TOKENS + " :" + INPUT_TOKENS,
            OUTPUT_TOKENS + " :" + OUTPUT_TOKENS, COST_USD + " :" + COST_USD, UNPRICED_RUNS + " :" + UNPRICED_RUNS);

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
