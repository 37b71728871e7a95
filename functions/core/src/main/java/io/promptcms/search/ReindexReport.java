package io.promptcms.search;

import java.util.List;
import java.util.Set;

/**
 * What a reindex did: the index it built and whether the alias now points to it (it does not when documents failed
 * for a reason worth retrying, e.g. the node went down mid-build: the live index is then kept), how many prompts the
 * table held, how many were indexed, which failed and why (at most {@link IndexComparison#LISTED}), how many
 * differences left by concurrent writes were repaired after the swap, and the final comparison of table and index.
 */
public record ReindexReport(
        String index,
        boolean swapped,
        Set<String> replaced,
        long tableItems,
        long indexed,
        long failed,
        List<PromptIndexer.Failure> failures,
        long repaired,
        IndexComparison comparison,
        long durationMillis) {
}
