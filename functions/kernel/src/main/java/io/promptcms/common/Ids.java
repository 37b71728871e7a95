package io.promptcms.common;

import java.security.SecureRandom;
import java.util.Locale;

/** Opaque, prefixed, URL-safe identifiers ({@code prm_…}, {@code col_…}): 80 random bits in Crockford base32. */
public final class Ids {

    private static final String DIGITS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final char[] ALPHABET = DIGITS.toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return encode(prefix, bytes);
    }

    /**
     * An id of the same shape derived from {@code parts} (SHA-256, first 80 bits): the same parts always give
     * the same id, so work that is repeated (a retried import) names what it creates the same way again.
     */
    public static String derivedId(String prefix, String... parts) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0); // separator: ("ab","c") and ("a","bc") differ
            }
            return encode(prefix, java.util.Arrays.copyOf(digest.digest(), 10));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String prefix, byte[] bytes) {
        StringBuilder id = new StringBuilder(prefix.length() + 17).append(prefix).append('_');
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (bytes[i] & 0xff);
        }
        appendBase32(id, high);
        appendBase32(id, low);
        return id.toString();
    }

    /** True when {@code id} has the shape of an id with this prefix (cheap rejection of garbage path parameters). */
    public static boolean looksLike(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 17 && id.startsWith(prefix + "_")
                && id.substring(prefix.length() + 1).toLowerCase(Locale.ROOT).chars().allMatch(c -> DIGITS.indexOf(c) >= 0);
    }

    private static void appendBase32(StringBuilder out, long fortyBits) {
        for (int shift = 35; shift >= 0; shift -= 5) {
            out.append(ALPHABET[(int) ((fortyBits >>> shift) & 31)]);
        }
    }
}
