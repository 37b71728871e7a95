package io.promptcms.run.provider;

/**
 * A model's answer.
 *
 * @param output        the generated text
 * @param inputTokens   tokens billed for the prompt (0 when not reported)
 * @param outputTokens  tokens billed for the output (0 when not reported)
 * @param usageReported whether the provider reported the token counts; when false the caller counts them itself
 * @param stopReason    the provider's own word for why generation stopped ({@code end_turn}, {@code stop},
 *                      {@code max_tokens}, {@code length}, …), or null when it gave none
 * @param provider      {@code bedrock}, {@code openai} or {@code offline}
 * @param offline       true when no model ran (the offline provider): the output is a marked placeholder
 */
public record Completion(String output, long inputTokens, long outputTokens, boolean usageReported, String stopReason,
                         String provider, boolean offline) {
}
