package io.promptcms.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.promptcms.budget.BudgetCheck;
import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to a run. {@code usage.reportedBy} says whether the token counts are the provider's ({@code provider})
 * or our tokenizer's ({@code tokenizer}: offline runs, and providers that report no usage); {@code costUsd} is null, with the reason, when the model has no price.
 */
public record RunResult(
        String runId,
        String promptId,
        long promptVersion,
        String model,
        String provider,
        boolean offline,
        String output,
        String stopReason,
        Usage usage,
        @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal costUsd,
        String costUnknownReason,
        long latencyMs,
        BudgetCheck budget,
        List<String> unusedVariables,
        String createdAt) {

    public record Usage(long inputTokens, long outputTokens, long totalTokens, String reportedBy) {
    }
}
