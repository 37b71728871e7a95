package io.promptcms.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.PriceOverrides;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private static final String TEXT = "Summarise the following support ticket in two sentences, then suggest a reply:\n"
            + "My order #4411 arrived damaged; the box was crushed and the lamp's shade is cracked. Can I get a replacement?";

    private final PriceCatalog catalog = PriceCatalog.shipped(PriceOverrides.NONE, Clock.systemUTC());
    private final TokenCounter counter = new TokenCounter(catalog::find);

    @Test
    void openAiModelsAreCountedExactlyWithTheirEncoding() {
        var registry = Encodings.newDefaultEncodingRegistry();
        TokenCount gpt4o = counter.count("gpt-4o-2024-08-06", TEXT);
        assertEquals(registry.getEncoding(EncodingType.O200K_BASE).countTokens(TEXT), gpt4o.tokens());
        assertFalse(gpt4o.estimate());
        assertEquals("o200k_base", gpt4o.method());
        TokenCount turbo = counter.count("gpt-3.5-turbo", TEXT);
        assertEquals(registry.getEncoding(EncodingType.CL100K_BASE).countTokens(TEXT), turbo.tokens());
        assertEquals("cl100k_base", turbo.method());
    }

    @Test
    void modelsWithoutAPublicTokenizerGetALabelledEstimate() {
        long exact = counter.count("gpt-4o", TEXT).tokens();
        TokenCount claude = counter.count("claude-sonnet-4-5", TEXT);
        assertTrue(claude.estimate());
        assertEquals((long) Math.ceil(exact * 1.10), claude.tokens());
        assertTrue(claude.method().startsWith("estimate: o200k_base × 1.10"), claude.method());
        assertTrue(claude.method().contains("anthropic"), claude.method());
    }

    @Test
    void emptyTextIsZeroTokens() {
        assertEquals(0, counter.count("gpt-4o", "").tokens());
        assertEquals(0, counter.count("gemini-2.5-flash", "").tokens());
    }

    @Test
    void chatInputAddsTheMessageFraming() {
        TokenCount chat = counter.chatInputTokens("gpt-4o", TEXT);
        assertEquals(counter.count("gpt-4o", TEXT).tokens() + TokenCounter.CHAT_FRAMING_TOKENS, chat.tokens());
        assertTrue(chat.method().endsWith("7 tokens of chat framing"), chat.method());
    }

    @Test
    void anUnknownModelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> counter.count("gpt-17", TEXT));
        assertEquals("unknown model 'gpt-17'", e.getMessage());
    }
}
