package io.promptcms.importexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What the JSON array and JSON Lines readers share: one row read ahead (so {@link #hasNext()} is exact and a row
 * error can end the file), the mapping and columns taken from the first record, and the plumbing of a
 * {@link RowReader}. Subclasses only say how the next record is read.
 */
abstract class JsonRowReader implements RowReader {

    final TextInput text;
    final JsonRecords records;
    /** The row {@link #next()} answers, or null at the end. */
    SourceRow next;
    /** Data rows read so far (the row number of the latest). */
    long dataRows;
    private Map<String, String> mapping;
    private List<String> columns;

    JsonRowReader(TextInput text, Map<String, String> explicitMapping) {
        this.text = text;
        this.records = new JsonRecords(explicitMapping);
    }

    /** Reads the next record into {@link #next}; returns its JSON when it parsed. */
    abstract JsonNode advance();

    /** Reads the first record; the file's mapping and columns are those of that record. Call once, from the constructor. */
    final void start() {
        JsonNode first = advance();
        this.columns = JsonRecords.fieldNames(first);
        this.mapping = records.fileMapping(first);
    }

    @Override
    public final boolean hasNext() {
        return next != null;
    }

    @Override
    public final SourceRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        SourceRow row = next;
        advance();
        return row;
    }

    @Override
    public final Charset encoding() {
        return text.charset();
    }

    @Override
    public final Character delimiter() {
        return null;
    }

    @Override
    public final Map<String, String> mapping() {
        return mapping;
    }

    @Override
    public final List<String> columns() {
        return columns;
    }

    @Override
    public final void close() {
        text.close();
    }
}
