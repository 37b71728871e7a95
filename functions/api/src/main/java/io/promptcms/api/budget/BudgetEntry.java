package io.promptcms.api.budget;

import io.promptcms.budget.BudgetScope;
import io.promptcms.budget.BudgetStatus;
import io.promptcms.budget.BudgetView;
import java.math.BigDecimal;

/** One budget as the API shows it: its settings and where this month stands against it. */
public record BudgetEntry(
        String scope,
        BigDecimal limitUsd,
        int warnAtPercent,
        boolean hardStop,
        boolean allowUnpricedModels,
        String updatedAt,
        String period,
        BigDecimal committedUsd,
        BigDecimal reservedUsd,
        BigDecimal spentUsd,
        BigDecimal remainingUsd,
        BigDecimal percentUsed,
        BudgetStatus status,
        String resetsAt) {

    static BudgetEntry of(BudgetView view) {
        var budget = view.budget();
        var month = view.month();
        return new BudgetEntry(BudgetScope.USER, budget.limitUsd(), budget.warnAtPercent(), budget.hardStop(),
                budget.allowUnpricedModels(), budget.updatedAt(), month.period(), month.committedUsd(), month.reservedUsd(),
                month.spentUsd(), view.remainingUsd(), view.percentUsed(), view.status(), month.resetsAt());
    }
}
