package io.promptcms.usage;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer of {@code GET /usage/stats}: the range, the filters applied, the totals and one point per period of
 * the range (periods without usage included, as zeros). {@code costUsd} sums the known costs; {@code unpricedRuns}
 * counts calls whose cost is unknown.
 */
public record UsageStatsView(String from, String to, String groupBy, Filters filters, UsageTotals totals, List<Point> series) {

    public UsageStatsView {
        series = List.copyOf(series);
    }

    /** The filters in effect; absent ones are left out. */
    public record Filters(String model, String promptId) {
    }

    public record Point(String period, long runs, long failedRuns, long inputTokens, long outputTokens, BigDecimal costUsd, long unpricedRuns) {

        static Point of(String period, UsageTotals totals) {
            return new Point(period, totals.runs(), totals.failedRuns(), totals.inputTokens(), totals.outputTokens(), totals.costUsd(),
                    totals.unpricedRuns());
        }
    }
}
