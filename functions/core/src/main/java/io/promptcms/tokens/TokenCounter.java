package io.promptcms.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptcms.pricing.ModelInfo;
import java.util.Optional;
import java.util.function.Function;

/**
 * Counts tokens the way a model's tokenizer would. OpenAI models use their public BPE encodings through JTokkit
 * ({@code o200k_base}, {@code cl100k_base}): exact. Anthropic, Amazon Nova, Google Gemini, Meta Llama and Mistral
 * tokenizers are not available to JTokkit, so their count is an estimate, labelled as one:
 * {@code ceil(o200k_base count × 1.10)}. Why this rule: o200k_base is a large modern BPE vocabulary, so it is close
 * for English prose and code; the other vocabularies are mostly smaller and split text into more pieces (Anthropic
 * documents that its newer tokenizer yields more tokens for the same text), so a 10 % margin errs on the side of
 * counting more, which makes cost previews and budget reservations cautious rather than optimistic.
 */
public final class TokenCounter {

    /** The margin of an estimate over the o200k_base count. */
    public static final double ESTIMATE_FACTOR = 1.10;
    /**
     * Chat framing of one user message in OpenAI's chat format, per OpenAI's token-counting cookbook: 3 tokens per
     * message, 1 for the role, 3 priming the reply. Applied to estimates too, where it is within the margin.
     */
    public static final int CHAT_FRAMING_TOKENS = 7;

    // Built once per JVM: the lazy registry loads an encoding's vocabulary only on its first use.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Function<String, Optional<ModelInfo>> models;

    /** {@code models} resolves a model name (id, alias or dated variant) to its catalog entry, e.g. {@code PriceCatalog::find}. */
    public TokenCounter(Function<String, Optional<ModelInfo>> models) {
        this.models = models;
    }

    /** Tokens of {@code text} for {@code model}; IllegalArgumentException for a model the catalog does not know. */
    public TokenCount count(String model, String text) {
        return count(resolve(model), text);
    }

    public TokenCount count(ModelInfo model, String text) {
        return switch (model.tokenizer()) {
            case "o200k_base" -> new TokenCount(encoding(EncodingType.O200K_BASE).countTokens(text), false, "o200k_base");
            case "cl100k_base" -> new TokenCount(encoding(EncodingType.CL100K_BASE).countTokens(text), false, "cl100k_base");
            default -> new TokenCount((long) Math.ceil(encoding(EncodingType.O200K_BASE).countTokens(text) * ESTIMATE_FACTOR), true,
                    "estimate: o200k_base × 1.10 (" + model.provider() + "'s tokenizer is not available to JTokkit)");
        };
    }

    /**
     * Loads both encodings (their vocabularies take a few hundred ms on first use): for a SnapStart snapshot, so the
     * first request after a restore does not pay for it.
     */
    public void warmUp() {
        encoding(EncodingType.O200K_BASE).countTokens("warm up");
        encoding(EncodingType.CL100K_BASE).countTokens("warm up");
    }

    /** Input tokens of {@code text} sent as one user chat message: the text plus the chat framing. */
    public TokenCount chatInputTokens(String model, String text) {
        TokenCount content = count(model, text);
        return new TokenCount(content.tokens() + CHAT_FRAMING_TOKENS, content.estimate(),
                content.method() + " + " + CHAT_FRAMING_TOKENS + " tokens of chat framing");
    }

    private ModelInfo resolve(String model) {
        return models.apply(model).orElseThrow(() -> new IllegalArgumentException("unknown model '" + model + "'"));
    }

    private static Encoding encoding(EncodingType type) {
        return REGISTRY.getEncoding(type);
    }
}
