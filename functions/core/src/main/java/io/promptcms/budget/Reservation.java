package io.promptcms.budget;

import java.math.BigDecimal;

/**
 * A run's hold on its month's budget, from {@link BudgetService#reserve} until {@link BudgetService#settle} or
 * {@link BudgetService#release}. It keeps the month it was taken in, so a run that starts on the 31st at 23:59 and
 * ends in the next month settles where it reserved. {@code budget} is the budget as it was at reservation (null
 * when there was none): the status after the run is judged against it.
 *
 * @param estimatedUsd the amount held: the run's estimated maximum cost, 0 for a model without a known price
 */
public record Reservation(String scope, String period, String model, boolean priced, BigDecimal estimatedUsd, Budget budget) {
}
