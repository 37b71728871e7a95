package io.promptcms.budget;

import java.math.BigDecimal;

/**
 * A monthly spending limit. {@code hardStop} refuses a run whose estimated maximum cost would take the month past
 * the limit; without it the limit only drives the status. {@code allowUnpricedModels} lets a hard-stopped budget
 * run models without a known price (their cost is then not counted): off by default, because a budget that counts
 * unknown prices as $0 is no budget.
 */
public record Budget(BigDecimal limitUsd, int warnAtPercent, boolean hardStop, boolean allowUnpricedModels, String updatedAt) {

    public static final int DEFAULT_WARN_AT_PERCENT = 80;
}
