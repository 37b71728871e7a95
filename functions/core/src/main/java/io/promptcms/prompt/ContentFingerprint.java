package io.promptcms.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes two contents "the same prompt" for duplicate detection: equal after Unicode NFKC (full-width letters,
 * ligatures and compatibility forms fold to their plain form), lower case, and every run of whitespace collapsed to
 * one space, trimmed. The fingerprint is the SHA-256 of that text, 128 bits as hex: stored on the prompt item and
 * looked up through the {@value PromptSchemas#BY_FINGERPRINT_INDEX} index under {@link #ownerKey} (owner first, so a
 * lookup can only ever find the caller's prompts). 128 bits make an accidental collision irrelevant
 * (~10⁻²⁸ for 10⁵ prompts) at half the key size of the full digest.
 */
public final class ContentFingerprint {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int HEX_CHARS = 32;

    private ContentFingerprint() {
    }

    /** The content as duplicate detection compares it. */
    public static String normalise(String content) {
        String text = content == null ? "" : content;
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    public static String of(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalise(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The partition key of the fingerprint index: {@code <ownerId>#<fingerprint>}. */
    public static String ownerKey(String ownerId, String fingerprint) {
        return ownerId + "#" + fingerprint;
    }
}
