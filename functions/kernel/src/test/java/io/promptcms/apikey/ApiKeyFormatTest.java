package io.promptcms.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void generatedKeysAreWellFormedAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = ApiKeyFormat.generate();
            assertTrue(key.matches("pcms_[0-9A-Za-z]{28}"), key);
            assertTrue(ApiKeyFormat.isWellFormed(key), key);
            assertTrue(seen.add(key), "repeated " + key);
        }
    }

    @Test
    void randomPartCarriesAtLeast128Bits() {
        // 22 base62 characters hold log2(62^22) ≈ 131 bits; every position must actually vary.
        assertTrue(22 * Math.log(62) / Math.log(2) >= 128);
        Set<Character> firstDigits = new HashSet<>();
        Set<Character> lastDigits = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String random = ApiKeyFormat.generate().substring(5, 27);
            firstDigits.add(random.charAt(0));
            lastDigits.add(random.charAt(21));
        }
        // 2^128 / 62^21 ≈ 7.8: a full 128-bit number makes the leading digit 0..7 (fewer bits could not reach 7),
        // and the last digit spans the whole alphabet.
        assertEquals(Set.of('0', '1', '2', '3', '4', '5', '6', '7'), firstDigits);
        assertEquals(62, lastDigits.size());
    }

    @Test
    void everyOneCharacterTypoIsRefused() {
        for (int k = 0; k < 20; k++) {
            String key = ApiKeyFormat.generate();
            for (int position = 0; position < key.length(); position++) {
                for (char replacement : ALPHABET.toCharArray()) {
                    if (replacement == key.charAt(position)) {
                        continue;
                    }
                    String typo = key.substring(0, position) + replacement + key.substring(position + 1);
                    assertFalse(ApiKeyFormat.isWellFormed(typo), typo);
                }
            }
        }
    }

    @Test
    void swappedNeighboursAreRefused() {
        String key = ApiKeyFormat.generate();
        for (int i = 5; i < key.length() - 1; i++) {
            if (key.charAt(i) != key.charAt(i + 1)) {
                String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
                assertFalse(ApiKeyFormat.isWellFormed(swapped), swapped);
            }
        }
    }

    @Test
    void truncatedPaddedAndForeignStringsAreRefused() {
        String key = ApiKeyFormat.generate();
        assertFalse(ApiKeyFormat.isWellFormed(null));
        assertFalse(ApiKeyFormat.isWellFormed(""));
        assertFalse(ApiKeyFormat.isWellFormed(key.substring(0, key.length() - 1)));
        assertFalse(ApiKeyFormat.isWellFormed(key + "0"));
        assertFalse(ApiKeyFormat.isWellFormed(" " + key.substring(1)));
        assertFalse(ApiKeyFormat.isWellFormed("PCMS_" + key.substring(5)));
        assertFalse(ApiKeyFormat.isWellFormed("sk-" + key.substring(3)));
    }

    @Test
    void displayPrefixIsTheFirstTwelveCharacters() {
        String key = ApiKeyFormat.generate();
        assertEquals(key.substring(0, 12), ApiKeyFormat.displayPrefix(key));
        assertTrue(ApiKeyFormat.displayPrefix(key).startsWith("pcms_"));
    }
}
