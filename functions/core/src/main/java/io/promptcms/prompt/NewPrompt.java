package io.promptcms.prompt;

/** A prompt about to be created and its first history row, both fully mapped (content stored) but not yet written. */
public record NewPrompt(StoredPrompt prompt, StoredPrompt firstVersion) {
}
