package io.promptcms.pricing;

import java.time.Instant;

/** What a call to a model costs, by the prices in effect at the moment of the call (a later price change never rewrites it). */
public interface Pricing {

    /** True when the catalog (with the operator's overrides) knows the model id, one of its aliases or a dated variant. */
    boolean knows(String model);

    /**
     * The catalog's id for a model named by an id, an alias or a dated variant ({@code gpt-4o-2024-08-06} →
     * {@code gpt-4o}), so usage of one model is counted under one name; a model the catalog does not know keeps its name.
     */
    default String canonicalId(String model) {
        return model;
    }

    /** The cost of {@code inputTokens} in and {@code outputTokens} out at {@code at}; unknown (with a reason) when there is no price. */
    CostEstimate cost(String model, Instant at, long inputTokens, long outputTokens);
}
