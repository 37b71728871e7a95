package io.promptcms.pricing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model of the price catalog as the catalog file declares it: its canonical id, the names and id patterns that
 * resolve to it, its limits, how its tokens are counted, how PromptCMS can run it ({@code invoke}, null when it
 * cannot) and its price history, oldest first.
 */
public record ModelInfo(String id, String provider, String displayName, List<String> aliases, List<String> patterns,
        long contextWindow, long maxOutputTokens, String tokenizer, Invoke invoke, List<ModelPrice> prices, String notes) {

    public static final Set<String> TOKENIZERS = Set.of("o200k_base", "cl100k_base", "estimate");

    /** The adapter that runs the model and the id that adapter sends (a Bedrock model id or inference profile, an OpenAI model). */
    public record Invoke(String adapter, String modelId) {
    }

    public ModelInfo {
        if (id == null || id.isBlank() || provider == null || provider.isBlank() || displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("a model needs id, provider and displayName");
        }
        if (!TOKENIZERS.contains(tokenizer)) {
            throw new IllegalArgumentException("model " + id + ": tokenizer must be one of " + TOKENIZERS);
        }
        if (contextWindow <= 0 || maxOutputTokens <= 0) {
            throw new IllegalArgumentException("model " + id + ": contextWindow and maxOutputTokens must be positive");
        }
        if (invoke != null && (invoke.adapter() == null || invoke.modelId() == null)) {
            throw new IllegalArgumentException("model " + id + ": invoke needs adapter and modelId");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        prices = prices == null ? List.of() : prices.stream().sorted(Comparator.comparing(ModelPrice::effectiveDate)).toList();
        for (int i = 1; i < prices.size(); i++) {
            if (prices.get(i).effectiveDate().equals(prices.get(i - 1).effectiveDate())) {
                throw new IllegalArgumentException("model " + id + ": two prices from " + prices.get(i).effectiveFrom());
            }
        }
    }

    /** The price in effect at {@code at}: the latest entry whose effective date (UTC day start) is not after it. */
    public Optional<ModelPrice> priceAt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        ModelPrice found = null;
        for (ModelPrice price : prices) {
            if (price.effectiveDate().isAfter(day)) {
                break;
            }
            found = price;
        }
        return Optional.ofNullable(found);
    }

    public boolean runnable() {
        return invoke != null;
    }

    /** The same model with {@code extra} prices merged in: an extra price on the same date replaces the existing one. */
    ModelInfo withPrices(List<ModelPrice> extra) {
        var byDate = new java.util.TreeMap<LocalDate, ModelPrice>();
        prices.forEach(price -> byDate.put(price.effectiveDate(), price));
        extra.forEach(price -> byDate.put(price.effectiveDate(), price));
        return new ModelInfo(id, provider, displayName, aliases, patterns, contextWindow, maxOutputTokens, tokenizer, invoke,
                List.copyOf(byDate.values()), notes);
    }
}
