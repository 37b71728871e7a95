package io.promptcms.run.provider;

/** One way of turning a rendered prompt into a model's answer: Bedrock, an OpenAI-compatible server, or offline. */
@FunctionalInterface
public interface ModelProvider {

    /**
     * Sends the prompt as one user message and returns the answer.
     *
     * @throws ProviderException when the provider refuses or fails (after its retries)
     */
    Completion complete(CompletionRequest request);
}
