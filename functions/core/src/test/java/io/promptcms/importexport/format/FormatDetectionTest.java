package io.promptcms.importexport.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatDetectionTest {

    private static final String CSV = "name,content\na,b\n";
    private static final String ARRAY = "  \n[{\"name\":\"a\",\"content\":\"b\"}]";
    private static final String LINES = "{\"name\":\"a\",\"content\":\"b\"}\n{\"name\":\"c\",\"content\":\"d\"}\n";

    private static ImportFormat detect(ImportFormat explicit, String fileName, String contentType, String text) {
        return ImportReader.format(new ImportSettings(explicit, null, Map.of()), fileName, contentType, text);
    }

    @Test
    void explicitFormatWinsOverEverything() {
        assertEquals(ImportFormat.CSV, detect(ImportFormat.CSV, "a.json", "application/json", ARRAY));
    }

    @Test
    void contentTypeWinsOverExtension() {
        assertEquals(ImportFormat.JSON, detect(null, "a.csv", "application/json; charset=utf-8", ARRAY));
        assertEquals(ImportFormat.JSONL, detect(null, "a.json", "application/x-ndjson", LINES));
        assertEquals(ImportFormat.CSV, detect(null, "a.json", "text/csv", CSV));
    }

    @Test
    void extensionWinsOverContent() {
        assertEquals(ImportFormat.CSV, detect(null, "imports/u1/My Prompts.CSV", "application/octet-stream", ARRAY));
        assertEquals(ImportFormat.JSONL, detect(null, "x.ndjson", null, LINES));
        assertEquals(ImportFormat.JSON, detect(null, "x.json", null, ARRAY));
    }

    @Test
    void contentDecidesWhenNothingElseDoes() {
        assertEquals(ImportFormat.JSON, detect(null, "upload", null, ARRAY));
        assertEquals(ImportFormat.JSONL, detect(null, "notes.txt", "text/plain", LINES));
        assertEquals(ImportFormat.CSV, detect(null, null, null, CSV));
    }

    @Test
    void jsonLinesNamedJsonAreReadAsJsonLines() {
        assertEquals(ImportFormat.JSONL, detect(null, "export.json", null, LINES));
        assertEquals(ImportFormat.JSON, detect(null, "export.json", null, "{\n  \"name\": \"a\"\n}\n"));
    }
}
