package io.promptcms.importexport.pipeline;

import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.format.SpreadsheetEscaping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every row error and warning of one run, in row order: all of them in a temporary CSV (row, column, message —
 * the error report, cells spreadsheet-safe since columns and messages quote the file), the first
 * {@value #FIRST} for the job record and the first {@link #inlineLimit} for a dry run's answer.
 */
final class ErrorLog implements AutoCloseable {

    static final int FIRST = 20;

    private final Path file;
    private final CSVPrinter csv;
    private final int inlineLimit;
    private final List<RowError> inline = new ArrayList<>();
    private long count;

    ErrorLog(int inlineLimit) {
        this.inlineLimit = Math.max(inlineLimit, FIRST);
        try {
            this.file = Files.createTempFile("import-errors-", ".csv");
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write('\ufeff');
            this.csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("row", "column", "message").get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(RowError error) {
        count++;
        if (inline.size() < inlineLimit) {
            inline.add(error);
        }
        try {
            csv.printRecord(error.row(), SpreadsheetEscaping.escape(error.column()), SpreadsheetEscaping.escape(error.message()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    List<RowError> first() {
        return List.copyOf(inline.subList(0, Math.min(FIRST, inline.size())));
    }

    List<RowError> inline() {
        return List.copyOf(inline);
    }

    /** The finished report file. */
    Path report() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            csv.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
