package io.promptcms.importexport.imports;

/** What an import did with the rows it has counted so far; a row with warnings also counts as a warning. */
public record ImportCounters(long processed, long created, long updated, long skipped, long failed, long warnings) {

    public static final ImportCounters NONE = new ImportCounters(0, 0, 0, 0, 0, 0);

    ImportCounters counted(RowPlanner.Action outcome, boolean warned) {
        return new ImportCounters(processed + 1,
                created + (outcome == RowPlanner.Action.CREATE || outcome == RowPlanner.Action.DUPLICATE
                        || outcome == RowPlanner.Action.ALREADY_CREATED ? 1 : 0),
                updated + (outcome == RowPlanner.Action.UPDATE ? 1 : 0),
                skipped + (outcome == RowPlanner.Action.SKIP ? 1 : 0),
                failed + (outcome == RowPlanner.Action.FAIL ? 1 : 0),
                warnings + (warned ? 1 : 0));
    }
}
