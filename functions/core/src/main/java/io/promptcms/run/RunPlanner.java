package io.promptcms.run;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.pricing.ModelInfo;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.prompt.Prompt;
import io.promptcms.prompt.PromptService;
import io.promptcms.tokens.TokenCount;
import io.promptcms.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/** Checks a run request against the prompt and the model, renders it and counts its tokens. */
public final class RunPlanner {

    public static final int DEFAULT_MAX_TOKENS = 1024;
    public static final int DEFAULT_EXPECTED_OUTPUT_TOKENS = 256;

    private final PromptService prompts;
    private final PriceCatalog catalog;
    private final TokenCounter tokens;

    public RunPlanner(PromptService prompts, PriceCatalog catalog, TokenCounter tokens) {
        this.prompts = prompts;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    public RunPlan plan(String userId, String promptId, RunOptions options) {
        Prompt prompt = prompts.getOwn(userId, promptId);
        ModelInfo model = model(options.model(), prompt.fields().model());
        List<FieldError> errors = new ArrayList<>();
        int outputLimit = (int) Math.min(model.maxOutputTokens(), Integer.MAX_VALUE);
        int maxTokens = options.maxTokens() == null ? Math.min(DEFAULT_MAX_TOKENS, outputLimit) : options.maxTokens();
        if (maxTokens < 1 || maxTokens > outputLimit) {
            errors.add(new FieldError("maxTokens", "must be between 1 and " + outputLimit + " for " + model.id()));
        }
        int expected = options.expectedOutputTokens() == null ? Math.min(DEFAULT_EXPECTED_OUTPUT_TOKENS, Math.max(maxTokens, 0)) : options.expectedOutputTokens();
        if (options.expectedOutputTokens() != null && (expected < 0 || expected > maxTokens)) {
            errors.add(new FieldError("expectedOutputTokens", "must be between 0 and maxTokens (" + maxTokens + ")"));
        }
        Double temperature = options.temperature();
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
            errors.add(new FieldError("temperature", "must be between 0 and 2"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        PromptTemplate.Rendered rendered = PromptTemplate.render(prompt.fields().content(), options.variables());
        TokenCount input = tokens.chatInputTokens(model.id(), rendered.text());
        RunPlan plan = new RunPlan(prompt, model, rendered.text(), rendered.unusedVariables(), input, maxTokens, expected, temperature);
        if (plan.inputHigh() + maxTokens > model.contextWindow()) {
            throw ApiException.validation(List.of(new FieldError("variables", "the rendered prompt is " + input.tokens()
                    + " tokens; with maxTokens " + maxTokens + " it does not fit " + model.id() + "'s context window of "
                    + model.contextWindow() + " tokens")));
        }
        return plan;
    }

    private ModelInfo model(String requested, String promptModel) {
        String name = requested != null ? requested.strip() : promptModel;
        if (name == null || name.isBlank()) {
            throw ApiException.validation(List.of(new FieldError("model",
                    "is required: the prompt names no model (GET /api/v1/models lists the model ids)")));
        }
        return catalog.find(name).orElseThrow(() -> ApiException.validation(List.of(new FieldError("model",
                "unknown model '" + name + "' (GET /api/v1/models lists the model ids and aliases)"))));
    }
}
