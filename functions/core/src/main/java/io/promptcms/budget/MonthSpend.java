package io.promptcms.budget;

import java.math.BigDecimal;

/**
 * One month's ledger: {@code committedUsd} = spend settled + reservations still open, {@code reservedUsd} = the
 * reservations still open (runs in flight). {@code resetsAt} is the start of the next month (UTC).
 */
public record MonthSpend(String period, BigDecimal committedUsd, BigDecimal reservedUsd, String resetsAt) {

    /** Amounts as plain as they are exact: a settled ledger reads 0, not 0.0000000. */
    public MonthSpend {
        committedUsd = committedUsd.stripTrailingZeros();
        reservedUsd = reservedUsd.stripTrailingZeros();
    }

    public BigDecimal spentUsd() {
        return committedUsd.subtract(reservedUsd);
    }
}
