package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads JSON Lines (NDJSON): one prompt object per LF-terminated line, blank lines skipped. A broken line is
 * that row's error and the next line reads normally.
 */
final class JsonLinesRowReader extends JsonRowReader {

    private final LfLineReader lines;
    private boolean finished;

    private JsonLinesRowReader(TextInput text, Map<String, String> explicitMapping) {
        super(text, explicitMapping);
        this.lines = new LfLineReader(text.reader());
        start();
    }

    static JsonLinesRowReader open(TextInput text, Map<String, String> explicitMapping) {
        return new JsonLinesRowReader(text, explicitMapping);
    }

    /** Whether the first non-blank line of {@code prefix} is a whole JSON object (so the text is JSON Lines). */
    static boolean startsWithObjectLine(String prefix) {
        for (String line : prefix.split("\n")) {
            if (!line.isBlank()) {
                try {
                    return JsonRecords.WHOLE_TEXT.readTree(line).isObject();
                } catch (JsonProcessingException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Reads the next non-blank line. */
    @Override
    JsonNode advance() {
        next = null;
        if (finished) {
            return null;
        }
        try {
            LfLineReader.Line line = lines.next();
            while (line != null && line.text().isBlank()) {
                text.recordEnded();
                line = lines.next();
            }
            text.recordEnded();
            if (line == null) {
                finished = true;
                return null;
            }
            long row = ++dataRows;
            JsonNode node;
            try {
                node = JsonRecords.WHOLE_TEXT.readTree(line.text());
            } catch (JsonProcessingException e) {
                next = SourceRow.failed(row, null, "line " + line.number() + " is not valid JSON: "
                        + e.getOriginalMessage());
                return null;
            }
            next = records.toRow(row, node, text.decoder().replacedBetween(line.start(), line.end()),
                    text.charset().name());
            return node;
        } catch (RecordTooLongException e) {
            finished = true;
            next = SourceRow.failed(dataRows + 1, null, "a line runs on for more than "
                    + TextInput.MAX_RECORD_CHARS + " characters: the rest of the file cannot be read");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.JSONL;
    }
}
