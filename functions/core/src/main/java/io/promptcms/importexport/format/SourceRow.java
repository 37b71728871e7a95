package io.promptcms.importexport.format;

import java.util.List;

/**
 * One data row of an import file. {@code row} is 1-based and counts data rows (CSV records after the header,
 * JSON array elements, non-blank JSON Lines). {@code record} is null exactly when {@code errors} is not empty:
 * a row with a structural problem is never half-read.
 */
public record SourceRow(long row, PromptRecord record, List<RowError> errors) {

    public SourceRow {
        errors = List.copyOf(errors);
    }

    static SourceRow ok(long row, PromptRecord record) {
        return new SourceRow(row, record, List.of());
    }

    static SourceRow failed(long row, List<RowError> errors) {
        return new SourceRow(row, null, errors);
    }

    static SourceRow failed(long row, String column, String message) {
        return failed(row, List.of(new RowError(row, column, message)));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
