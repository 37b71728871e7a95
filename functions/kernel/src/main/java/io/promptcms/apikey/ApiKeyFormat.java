package io.promptcms.apikey;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of an API key: {@code pcms_} + 22 base62 characters holding 128 random bits + 6 base62 characters
 * of CRC32 over those 22. The checksum lets the authorizer refuse a mistyped or truncated key without a
 * database read; the prefix makes a leaked key easy to recognise for secret scanners.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "pcms_";
    /** How many leading characters of a key are kept in clear so a user can tell keys apart. */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    private static final int RANDOM_BYTES = 16;
    private static final int RANDOM_CHARS = 22;   // 62^22 > 2^128
    private static final int CHECKSUM_CHARS = 6;  // 62^6 > 2^32
    private static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String random = base62(new BigInteger(1, bytes), RANDOM_CHARS);
        return PREFIX + random + checksum(random);
    }

    /** True when {@code key} has the prefix, length, alphabet and a matching checksum. No I/O. */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(key.charAt(i)) < 0) {
                return false;
            }
        }
        String random = key.substring(PREFIX.length(), PREFIX.length() + RANDOM_CHARS);
        return key.endsWith(checksum(random));
    }

    public static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_PREFIX_LENGTH);
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_CHARS);
    }

    /** Fixed width, most significant digit first, left-padded with '0'. */
    private static String base62(BigInteger value, int width) {
        char[] digits = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            digits[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        return new String(digits);
    }
}
