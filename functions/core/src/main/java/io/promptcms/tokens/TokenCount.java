package io.promptcms.tokens;

/** A token count and how it was made: {@code method} names the encoding, or says how the estimate was made. */
public record TokenCount(long tokens, boolean estimate, String method) {
}
