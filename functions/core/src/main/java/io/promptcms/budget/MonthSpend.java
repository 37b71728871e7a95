package io.promptcms.budget;

import java.math.BigDecimal;

/**
 * One month's ledger: {@code committedUsd} = spend settled + reservations still open, {@code reservedUsd} = the
 * reservations still open (runs in flight). {@code resetsAt} is the start of the next month (UTC).
 */
public record MonthSpend(String period, BigDecimal committedUsd, BigDecimal reservedUsd, String resetsAt) {

    public BigDecimal spentUsd() {
        return committedUsd.subtract(reservedUsd);
    }
}
