package io.promptcms.importexport.imports;

import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.format.SpreadsheetEscaping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** How a warning's message starts: the row was imported (or skipped on purpose), nothing failed. */
    static final String WARNING = "warning:";

    private final Path file;
    private final CSVPrinter csv;
    private final int inlineLimit;
    private final List<RowError> inlineErrors = new ArrayList<>();
    private final List<RowError> inlineWarnings = new ArrayList<>();
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
        List<RowError> kept = error.message().startsWith(WARNING) ? inlineWarnings : inlineErrors;
        if (kept.size() < inlineLimit) {
            kept.add(error);
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
        return firstOf(FIRST);
    }

    List<RowError> inline() {
        return firstOf(inlineLimit);
    }

    /**
     * At most {@code limit} rows' problems, errors before warnings (a file with many duplicate rows must not hide its
     * one bad row behind their warnings), in row order.
     */
    private List<RowError> firstOf(int limit) {
        List<RowError> shown = new ArrayList<>(inlineErrors.subList(0, Math.min(limit, inlineErrors.size())));
        shown.addAll(inlineWarnings.subList(0, Math.min(limit - shown.size(), inlineWarnings.size())));
        shown.sort(Comparator.comparingLong(RowError::row));
        return List.copyOf(shown);
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
