package io.promptcms.importexport.imports;

/**
 * What an import row's content duplicates (same {@link io.promptcms.prompt.ContentFingerprint}): an earlier row of
 * the same file ({@code row}) or else an existing prompt of the owner ({@code promptId}); the other is null.
 */
public record DuplicateOf(String promptId, Long row) {
}
