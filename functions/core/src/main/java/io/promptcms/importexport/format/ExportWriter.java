package io.promptcms.importexport.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes prompts to an export file one at a time (nothing is buffered beyond the stream's own buffer).
 * {@link #close()} finishes the document (the closing bracket of a JSON array) and closes the stream.
 */
public interface ExportWriter extends Closeable {

    /** {@code csvMode} only matters for CSV; null means {@link CsvMode#SPREADSHEET_SAFE}. */
    static ExportWriter open(OutputStream out, ExportFormat format, CsvMode csvMode) throws IOException {
        return switch (format) {
            case CSV -> new CsvExportWriter(out, csvMode == null ? CsvMode.SPREADSHEET_SAFE : csvMode);
            case JSON -> JsonExportWriter.array(out);
            case JSONL -> JsonExportWriter.lines(out);
        };
    }

    void write(PromptRecord record) throws IOException;
}
