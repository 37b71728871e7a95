package io.promptcms.duplicate;

/**
 * One of the caller's prompts that resembles another: {@code similarity} in [0, 1] ({@link Shingles}), {@code exact}
 * when both contents are equal after normalisation (same {@link io.promptcms.prompt.ContentFingerprint}).
 */
public record SimilarPrompt(String id, String name, double similarity, boolean exact) {

    /** From this similarity on, a match counts as a near-duplicate (what {@code rejectDuplicates} refuses). */
    public static final double NEAR_DUPLICATE = 0.9;

    public boolean nearDuplicate() {
        return exact || similarity >= NEAR_DUPLICATE;
    }
}
