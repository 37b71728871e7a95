package io.promptcms.search;

import java.util.List;

/**
 * Table versus index at one moment: how many prompts each holds, and every difference — ids the index lacks, ids
 * only the index has, and prompts whose indexed state is not the table's ({@code version} is the external version,
 * {@code revision << 32 | usageRevision}, so a missed usage count shows too). Lists name at most {@link #LISTED}
 * ids (the counts are complete), so the report stays a small Lambda response whatever the damage.
 */
public record IndexComparison(
        long tableItems,
        long indexDocuments,
        long missingFromIndexCount,
        List<String> missingFromIndex,
        long notInTableCount,
        List<String> notInTable,
        long versionMismatchCount,
        List<VersionMismatch> versionMismatches) {

    public static final int LISTED = 100;

    /** A prompt indexed in another state than the table's. */
    public record VersionMismatch(String id, long tableRevision, long indexRevision, long tableVersion, long indexVersion) {
    }

    public boolean equal() {
        return missingFromIndexCount == 0 && notInTableCount == 0 && versionMismatchCount == 0;
    }

    static IndexComparison of(long tableItems, long indexDocuments, List<String> missing, List<String> extra, List<VersionMismatch> mismatches) {
        return new IndexComparison(tableItems, indexDocuments,
                missing.size(), List.copyOf(missing.subList(0, Math.min(LISTED, missing.size()))),
                extra.size(), List.copyOf(extra.subList(0, Math.min(LISTED, extra.size()))),
                mismatches.size(), List.copyOf(mismatches.subList(0, Math.min(LISTED, mismatches.size()))));
    }
}
