package io.promptcms.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A cost in USD, or unknown with the reason (no price for the model, no price on that date): never a silent 0,
 * because a sum that counts unknown costs as 0 is wrong without saying so.
 */
public record CostEstimate(BigDecimal usd, String unknownReason) {

    public CostEstimate {
        if ((usd == null) == (unknownReason == null)) {
            throw new IllegalArgumentException("a cost is either known or unknown with a reason");
        }
    }

    public static CostEstimate known(BigDecimal usd) {
        return new CostEstimate(Objects.requireNonNull(usd), null);
    }

    public static CostEstimate unknown(String reason) {
        return new CostEstimate(null, Objects.requireNonNull(reason));
    }

    public boolean isKnown() {
        return usd != null;
    }
}
