package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads a JSON array of prompt objects element by element with Jackson's streaming parser: only one element
 * is in memory at a time. JSON has no record boundaries to resynchronise on, so a syntax error ends the file.
 */
final class JsonArrayRowReader extends JsonRowReader {

    private final JsonParser parser;
    private boolean finished;

    private JsonArrayRowReader(TextInput text, Map<String, String> explicitMapping) throws IOException {
        super(text, explicitMapping);
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
        start();
    }

    static JsonArrayRowReader open(TextInput text, Map<String, String> explicitMapping) throws IOException {
        return new JsonArrayRowReader(text, explicitMapping);
    }

    @Override
    JsonNode advance() {
        next = null;
        if (finished) {
            return null;
        }
        long row = ++dataRows;
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
    public ImportFormat format() {
        return ImportFormat.JSON;
    }
}
