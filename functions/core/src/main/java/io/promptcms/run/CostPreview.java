package io.promptcms.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a run would cost, before it runs. {@code lowUsd}/{@code highUsd} bound it: low = the smallest input count
 * with the expected output, high = the largest input count with every one of {@code maxTokens} used (what a
 * budget reserves). All three are null, with the reason, when the model has no price.
 */
public record CostPreview(
        String promptId,
        long promptVersion,
        String model,
        Tokens inputTokens,
        int expectedOutputTokens,
        int maxTokens,
        @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal lowUsd,
        @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal expectedUsd,
        @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal highUsd,
        String costUnknownReason,
        List<String> unusedVariables) {

    /** A token count; an estimate carries its range and says how it was made. */
    public record Tokens(long count, boolean estimate, String method, long low, long high) {
    }
}
