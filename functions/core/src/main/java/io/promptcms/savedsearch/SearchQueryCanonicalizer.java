package io.promptcms.savedsearch;

/** Checks a prompt-list query string as {@code GET /prompts} would and returns its canonical form (ApiException if bad). */
@FunctionalInterface
public interface SearchQueryCanonicalizer {

    String canonical(String rawQuery);
}
