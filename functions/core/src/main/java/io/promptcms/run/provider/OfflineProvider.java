package io.promptcms.run.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.ToLongBiFunction;
import java.util.stream.Collectors;

/**
 * Answers without calling any model, for the local runtime and tests. The answer says so in its first words,
 * and is a pure function of the model and prompt (their first words and a digest), so the same run always
 * gives the same output and the same token counts. Token counts come from the tokenizer it is given; the output
 * count never exceeds {@code maxTokens}.
 */
public final class OfflineProvider implements ModelProvider {

    public static final String PROVIDER = "offline";
    public static final String MARKER = "[offline provider]";
    private static final int PREVIEW_WORDS = 8;

    private final ToLongBiFunction<String, String> tokens;

    /** @param tokens counts the tokens of a text for a model: (model, text) → tokens */
    public OfflineProvider(ToLongBiFunction<String, String> tokens) {
        this.tokens = tokens;
    }

    @Override
    public Completion complete(CompletionRequest request) {
        String output = MARKER + " No model was called. Model " + request.model()
                + ", prompt \"" + preview(request.prompt()) + "\" (sha256 " + digest(request.prompt()) + ").";
        long outputTokens = tokens.applyAsLong(request.model(), output);
        long billed = Math.min(outputTokens, request.maxTokens());
        return new Completion(output,
                tokens.applyAsLong(request.model(), request.prompt()),
                billed,
                true,
                outputTokens > request.maxTokens() ? "max_tokens" : "end_turn",
                PROVIDER,
                true);
    }

    private static String preview(String prompt) {
        String[] words = prompt.strip().split("\\s+");
        String first = Arrays.stream(words).limit(PREVIEW_WORDS).collect(Collectors.joining(" "));
        return words.length > PREVIEW_WORDS ? first + " …" : first;
    }

    private static String digest(String prompt) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
