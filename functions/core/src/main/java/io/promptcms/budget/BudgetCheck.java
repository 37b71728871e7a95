package io.promptcms.budget;

import java.math.BigDecimal;

/**
 * The budget status a run answers with, after it settled. {@code limitUsd} and {@code warnAtPercent} are null when
 * the user has no budget (status then {@code ok}).
 */
public record BudgetCheck(BudgetStatus status, BigDecimal limitUsd, BigDecimal committedUsd, Integer warnAtPercent) {

    static BudgetCheck of(Budget budget, BigDecimal committedUsd) {
        return new BudgetCheck(BudgetStatus.of(budget, committedUsd),
                budget == null ? null : budget.limitUsd(), committedUsd,
                budget == null ? null : budget.warnAtPercent());
    }
}
