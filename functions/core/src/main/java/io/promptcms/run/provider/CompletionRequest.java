package io.promptcms.run.provider;

import java.util.Objects;

/**
 * What to ask a model.
 *
 * @param model           the price catalog's canonical model id (what runs and costs are recorded under)
 * @param providerModelId the id the provider expects (a Bedrock model or inference-profile id, an OpenAI model name)
 * @param prompt          the rendered prompt, sent as one user message
 * @param maxTokens       the cap on output tokens (the budget reserves against it)
 * @param temperature     optional; the provider's default when null
 */
public record CompletionRequest(String model, String providerModelId, String prompt, int maxTokens, Double temperature) {

    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(providerModelId, "providerModelId");
        Objects.requireNonNull(prompt, "prompt");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }
}
