package io.promptcms.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One price of a model, in USD per 1M tokens, in effect from the start (UTC) of {@code effectiveFrom} (an ISO date,
 * kept as text so the JSON is read without a date module) until the next entry of the same model.
 * {@code cachedInputPerMTok} is the cache-read price, null where the provider has none.
 */
public record ModelPrice(String effectiveFrom, BigDecimal inputPerMTok, BigDecimal outputPerMTok, BigDecimal cachedInputPerMTok,
        String source) {

    public ModelPrice {
        try {
            LocalDate.parse(Objects.requireNonNull(effectiveFrom, "effectiveFrom"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("effectiveFrom must be a date yyyy-MM-dd, got '" + effectiveFrom + "'");
        }
        requireNonNegative(inputPerMTok, "inputPerMTok");
        requireNonNegative(outputPerMTok, "outputPerMTok");
        if (cachedInputPerMTok != null) {
            requireNonNegative(cachedInputPerMTok, "cachedInputPerMTok");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a price needs its source");
        }
    }

    public LocalDate effectiveDate() {
        return LocalDate.parse(effectiveFrom);
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be a number ≥ 0");
        }
    }
}
