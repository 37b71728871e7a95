package io.promptcms.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A user's budget (null when none is set) and the current month's spend against it. */
public record BudgetView(Budget budget, MonthSpend month) {

    /** What is left of the limit this month (never below 0); null without a budget. */
    public BigDecimal remainingUsd() {
        return budget == null ? null : budget.limitUsd().subtract(month.committedUsd()).max(BigDecimal.ZERO);
    }

    /** Committed spend as a percentage of the limit, two decimals; null without a budget. */
    public BigDecimal percentUsed() {
        return budget == null ? null
                : month.committedUsd().movePointRight(2).divide(budget.limitUsd(), 2, RoundingMode.HALF_UP);
    }

    public BudgetStatus status() {
        return BudgetStatus.of(budget, month.committedUsd());
    }
}
