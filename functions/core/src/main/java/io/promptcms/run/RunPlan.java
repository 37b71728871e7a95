package io.promptcms.run;

import io.promptcms.pricing.ModelInfo;
import io.promptcms.prompt.Prompt;
import io.promptcms.tokens.TokenCount;
import java.util.List;

/**
 * A run worked out before anything is spent: the rendered text, its token count and the bounds that cost previews
 * quote and budgets reserve. With an estimating tokenizer the input is taken as a range of ±{@link #ESTIMATE_MARGIN}.
 */
public record RunPlan(Prompt prompt, ModelInfo model, String text, List<String> unusedVariables, TokenCount input,
                      int maxTokens, int expectedOutputTokens, Double temperature) {

    public static final double ESTIMATE_MARGIN = 0.15;

    public long inputLow() {
        return input.estimate() ? (long) Math.floor(input.tokens() * (1 - ESTIMATE_MARGIN)) : input.tokens();
    }

    public long inputHigh() {
        return input.estimate() ? (long) Math.ceil(input.tokens() * (1 + ESTIMATE_MARGIN)) : input.tokens();
    }
}
