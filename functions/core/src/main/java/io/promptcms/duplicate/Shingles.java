package io.promptcms.duplicate;

import io.promptcms.prompt.ContentFingerprint;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * How alike two contents are, in [0, 1]: the Jaccard index of their sets of word 3-shingles (every run of three
 * consecutive words), over the content as {@link ContentFingerprint#normalise} sees it with punctuation dropped.
 * Chosen over OpenSearch's score, which is unbounded and depends on the corpus (term statistics), so it cannot be
 * a threshold; over MinHash, because we compare one prompt with a handful of candidates, where the exact index
 * costs no more than a sketch and has no estimation error. Shingles rather than single words make word order
 * count: "translate the email into French" and "French email: translate into the" share their words, not their text.
 * Shingles are 64-bit hashes (sorted, distinct): for texts of 10⁵ words a false shared shingle is ~10⁻⁹ likely.
 * A text of fewer than three words is one shingle of all its words.
 */
final class Shingles {

    static final int WORDS = 3;
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Shingles() {
    }

    /** The sorted, distinct shingle hashes of a content. */
    static long[] of(String content) {
        String[] words = Arrays.stream(NOT_WORD.split(ContentFingerprint.normalise(content))).filter(w -> !w.isEmpty()).toArray(String[]::new);
        if (words.length == 0) {
            return new long[0];
        }
        int width = Math.min(WORDS, words.length);
        long[] hashes = new long[words.length - width + 1];
        for (int start = 0; start < hashes.length; start++) {
            long hash = FNV_OFFSET;
            for (int w = start; w < start + width; w++) {
                hash = mix(hash, words[w]);
                hash = (hash ^ ' ') * FNV_PRIME; // word boundary: "ab c" and "a bc" differ
            }
            hashes[start] = hash;
        }
        return Arrays.stream(hashes).sorted().distinct().toArray();
    }

    /** |A ∩ B| / |A ∪ B| of two sorted, distinct arrays; two empty texts are alike (1). */
    static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / (a.length + b.length - shared);
    }

    private static long mix(long hash, String word) {
        long h = hash;
        for (int k = 0; k < word.length(); k++) {
            h = (h ^ word.charAt(k)) * FNV_PRIME;
        }
        return h;
    }
}
