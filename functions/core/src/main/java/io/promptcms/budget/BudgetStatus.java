package io.promptcms.budget;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Where a month stands against its budget, judged on {@code committedUsd} (spend plus runs in flight), the same
 * figure the hard stop checks. {@code exceeded} once committed reaches the limit (a hard-stopped budget at exactly
 * its limit refuses every further priced run); {@code warning} from {@code warnAtPercent} of the limit. Without a
 * budget the status is {@code ok}: nothing to exceed (callers see {@code limitUsd} null).
 */
public enum BudgetStatus {
    OK, WARNING, EXCEEDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BudgetStatus of(Budget budget, BigDecimal committedUsd) {
        if (budget == null) {
            return OK;
        }
        if (committedUsd.compareTo(budget.limitUsd()) >= 0) {
            return EXCEEDED;
        }
        BigDecimal warnAt = budget.limitUsd().multiply(BigDecimal.valueOf(budget.warnAtPercent())).movePointLeft(2);
        return committedUsd.compareTo(warnAt) >= 0 ? WARNING : OK;
    }
}
