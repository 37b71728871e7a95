package io.promptcms.api.budget;

import io.promptcms.budget.BudgetScope;
import io.promptcms.budget.BudgetView;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /budgets}: the caller's budgets (none, or the user budget) and this month's spend, shown with or
 * without a budget.
 */
public record BudgetsBody(List<BudgetEntry> budgets, CurrentMonth currentMonth) {

    /** This month's ledger of the caller: spend settled + runs in flight = committed. */
    public record CurrentMonth(String scope, String period, BigDecimal committedUsd, BigDecimal reservedUsd, BigDecimal spentUsd, String resetsAt) {
    }

    static BudgetsBody of(BudgetView view) {
        var month = view.month();
        return new BudgetsBody(view.budget() == null ? List.of() : List.of(BudgetEntry.of(view)),
                new CurrentMonth(BudgetScope.USER, month.period(), month.committedUsd(), month.reservedUsd(), month.spentUsd(),
                        month.resetsAt()));
    }
}
