package io.promptcms.duplicate;

import java.util.List;

/**
 * The matches of one look-up, exact ones first, then by similarity (ties by id). {@code complete} is false when the
 * search index could not be asked: the list then holds the exact duplicates only.
 */
public record SimilarPrompts(List<SimilarPrompt> items, boolean complete) {

    public SimilarPrompts {
        items = List.copyOf(items);
    }

    public List<SimilarPrompt> nearDuplicates() {
        return items.stream().filter(SimilarPrompt::nearDuplicate).toList();
    }
}
