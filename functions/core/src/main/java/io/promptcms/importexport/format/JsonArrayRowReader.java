package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a JSON array of prompt objects element by element with Jackson's streaming parser: only one element
 * is in memory at a time. JSON has no record boundaries to resynchronise on, so a syntax error ends the file.
 */
final class JsonArrayRowReader implements RowReader {

    private final TextInput text;
    private final JsonParser parser;
    private final JsonRecords records;
    private final Map<String, String> mapping;
    private final List<String> columns;
    private SourceRow next;
    private long lastRow;
    private boolean finished;

    private JsonArrayRowReader(TextInput text, Map<String, String> explicitMapping) throws IOException {
        this.text = text;
        this.records = new JsonRecords(explicitMapping);
        this.parser = JsonRecords.MAPPER.createParser(text.reader());
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new ImportFileException("the file is not valid JSON: " + e.getOriginalMessage());
        }
        if (first != JsonToken.START_ARRAY) {
            throw new ImportFileException("a JSON file must be an array of prompts ([{...}, {...}]); this one is "
                    + (first == JsonToken.START_OBJECT ? "a single object" : "a single value"));
        }
        JsonNode firstElement = advance();
        this.columns = JsonRecords.fieldNames(firstElement);
        this.mapping = records.fileMapping(firstElement);
    }

    static JsonArrayRowReader open(TextInput text, Map<String, String> explicitMapping) throws IOException {
        return new JsonArrayRowReader(text, explicitMapping);
    }

    /** Reads the next element into {@link #next}; returns it when it parsed. */
    private JsonNode advance() {
        next = null;
        if (finished) {
            return null;
        }
        long row = lastRow + 1;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                finished = true;
                return null;
            }
            long start = parser.currentTokenLocation().getCharOffset();
            JsonNode node = parser.readValueAsTree();
            long end = parser.currentLocation().getCharOffset();
            text.recordEnded();
            next = records.toRow(row, node, text.decoder().replacedBetween(start, end), text.charset().name());
            return node;
        } catch (JsonProcessingException e) {
            finished = true;
            next = endedEarly(e)
                    ? SourceRow.failed(row, null, "the file ends before the JSON array is closed (is it cut short?)")
                    : SourceRow.failed(row, null, "is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + parser.currentLocation().getLineNr() + "): the rest of the file cannot be read");
        } catch (RecordTooLongException e) {
            finished = true;
            next = SourceRow.failed(row, null, "runs on for more than " + TextInput.MAX_RECORD_CHARS
                    + " characters (a string never closed?): the rest of the file cannot be read");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    private static boolean endedEarly(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public SourceRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        SourceRow row = next;
        lastRow = row.row();
        advance();
        return row;
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.JSON;
    }

    @Override
    public Charset encoding() {
        return text.charset();
    }

    @Override
    public Character delimiter() {
        return null;
    }

    @Override
    public Map<String, String> mapping() {
        return mapping;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void close() {
        text.close();
    }
}
