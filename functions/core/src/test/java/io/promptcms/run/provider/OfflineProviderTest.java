package io.promptcms.run.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToLongBiFunction;
import org.junit.jupiter.api.Test;

class OfflineProviderTest {

    /** A stand-in tokenizer: one token per whitespace-separated word. */
    private static final ToLongBiFunction<String, String> WORDS = (model, text) -> text.strip().split("\\s+").length;
    private final OfflineProvider provider = new OfflineProvider(WORDS);

    private static CompletionRequest request(String prompt, int maxTokens) {
        return new CompletionRequest("gpt-4o-mini", "gpt-4o-mini", prompt, maxTokens, null);
    }

    @Test
    void samePromptGivesTheSameAnswerAndUsage() {
        var prompt = "Summarise the following text for a ten year old reader: the moon orbits the earth.";

        assertEquals(provider.complete(request(prompt, 500)), provider.complete(request(prompt, 500)));
    }

    @Test
    void answerIsMarkedOfflineAndQuotesThePromptsFirstWords() {
        Completion completion = provider.complete(request(
                "Summarise the following text for a ten year old reader: the moon orbits the earth.", 500));

        assertTrue(completion.output().startsWith("[offline provider] "), completion.output());
        assertTrue(completion.output().contains("\"Summarise the following text for a ten year …\""), completion.output());
        assertTrue(completion.offline());
        assertTrue(completion.usageReported());
        assertEquals("offline", completion.provider());
        assertEquals("end_turn", completion.stopReason());
    }

    @Test
    void usageComesFromTheGivenTokenizer() {
        var prompt = "one two three four";

        Completion completion = provider.complete(request(prompt, 500));

        assertEquals(4, completion.inputTokens());
        assertEquals(WORDS.applyAsLong("gpt-4o-mini", completion.output()), completion.outputTokens());
    }

    @Test
    void differentPromptsGiveDifferentAnswers() {
        assertNotEquals(provider.complete(request("Translate: hello", 500)).output(),
                provider.complete(request("Translate: goodbye", 500)).output());
    }

    @Test
    void outputTokensNeverExceedMaxTokens() {
        Completion completion = provider.complete(request("Write a long story", 3));

        assertEquals(3, completion.outputTokens());
        assertEquals("max_tokens", completion.stopReason());
    }
}
