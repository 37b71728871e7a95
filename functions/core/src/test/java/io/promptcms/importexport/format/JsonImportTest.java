package io.promptcms.importexport.format;

import static io.promptcms.importexport.format.ImportFiles.bytes;
import static io.promptcms.importexport.format.ImportFiles.fixture;
import static io.promptcms.importexport.format.ImportFiles.fixtureRows;
import static io.promptcms.importexport.format.ImportFiles.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonImportTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Test
    void jsonArrayReadsElementByElementWithAliases() {
        String json = "[{\"title\":\"a\",\"prompt\":\"first\",\"keywords\":[\"x\",\"y\"],\"extra\":true},"
                + "{\"title\":\"b\",\"prompt\":\"second\",\"keywords\":\"p; q\"}]";
        try (RowReader reader = bytes(utf8(json), "p.json")) {
            assertEquals(ImportFormat.JSON, reader.format());
            assertNull(reader.delimiter());
            assertEquals(Map.of("name", "title", "content", "prompt", "tags", "keywords"), reader.mapping());
            assertEquals(List.of("title", "prompt", "keywords", "extra"), reader.columns());
            List<SourceRow> rows = rows(reader);
            assertEquals(List.of("x", "y"), rows.get(0).record().fields().tags());
            assertEquals(List.of("p", "q"), rows.get(1).record().fields().tags());
            assertEquals(2, rows.get(1).row());
        }
    }

    @Test
    void anEmptyArrayHasNoRowsAndAnEmptyFileIsAFileError() {
        try (RowReader reader = bytes(utf8(" [ ] "), "p.json")) {
            assertTrue(!reader.hasNext());
        }
        assertEquals("the file is empty", assertThrows(ImportFileException.class,
                () -> bytes(utf8(" \n"), "p.jsonl")).getMessage());
    }

    @Test
    void aJsonObjectInsteadOfAnArrayIsAFileError() {
        var e = assertThrows(ImportFileException.class, () -> fixture("object.json"));
        assertTrue(e.getMessage().startsWith("a JSON file must be an array of prompts"), e.getMessage());
        var sniffed = assertThrows(ImportFileException.class,
                () -> ImportFiles.open(ImportFiles.resource("object.json"), "upload", null, ImportSettings.detect()));
        assertTrue(sniffed.getMessage().startsWith("a JSON file must be an array of prompts"));
    }

    @Test
    void deeplyNestedElementIsThatRowsErrorAndTheRestImports() {
        String json = "[{\"name\":\"ok\",\"content\":\"c\",\"metadata\":" + nested(31) + "},"
                + "{\"name\":\"deep\",\"content\":\"c\",\"metadata\":" + nested(40) + "},"
                + "{\"name\":\"after\",\"content\":\"c\"}]";
        List<SourceRow> rows = rows(bytes(utf8(json), "deep.json"));
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).ok(), rows.get(0).errors().toString());
        assertEquals("is nested deeper than 32 levels", rows.get(1).errors().get(0).message());
        assertEquals("after", rows.get(2).record().fields().name());
    }

    @Test
    void nestingBeyondWhatTheParserAcceptsEndsTheFileWithARowError() {
        String json = "[{\"name\":\"ok\",\"content\":\"c\"}," + "[".repeat(5000) + "]".repeat(5000) + "]";
        List<SourceRow> rows = rows(bytes(utf8(json), "bomb.json"));
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).ok());
        assertTrue(rows.get(1).errors().get(0).message().contains("the rest of the file cannot be read"));
    }

    @Test
    void brokenJsonInAnArrayStopsAtThatElement() {
        String json = "[{\"name\":\"a\",\"content\":\"x\"}, 42, {\"name\":\"b\",\"content\": oops}, {\"name\":\"c\"}]";
        List<SourceRow> rows = rows(bytes(utf8(json), "broken.json"));
        assertEquals(3, rows.size());
        assertEquals("must be a prompt object, not a number", rows.get(1).errors().get(0).message());
        assertTrue(rows.get(2).errors().get(0).message().startsWith("is not valid JSON"));
        String unclosed = "[{\"name\":\"a\",\"content\":\"x\"},";
        List<SourceRow> cut = rows(bytes(utf8(unclosed), "cut.json"));
        assertEquals("the file ends before the JSON array is closed (is it cut short?)",
                cut.get(1).errors().get(0).message());
    }

    @Test
    void noContentFieldInTheFirstPromptIsAFileError() {
        var e = assertThrows(ImportFileException.class,
                () -> bytes(utf8("[{\"title\":\"a\",\"author\":\"b\"}]"), "p.json"));
        assertTrue(e.getMessage().contains("title, author"), e.getMessage());
    }

    @Test
    void wrongFieldTypesAreRowErrorsNamingTheField() {
        String json = "[{\"name\":[\"a\"],\"content\":\"x\",\"version\":1.5,\"tags\":[{\"t\":1}]}]";
        List<RowError> errors = rows(bytes(utf8(json), "p.json")).get(0).errors();
        assertEquals(List.of(new RowError(1, "name", "must be text, not an array"),
                new RowError(1, "tags", "must be an array of strings"),
                new RowError(1, "version", "must be a whole number")), errors);
    }

    @Test
    void ndjsonWithOneBrokenLineFailsOnlyThatRow() {
        List<SourceRow> rows = fixtureRows("broken-line.ndjson");
        assertEquals(3, rows.size(), "the blank CRLF line is skipped");
        assertEquals("first", rows.get(0).record().fields().content());
        assertEquals(2, rows.get(1).row());
        assertTrue(rows.get(1).errors().get(0).message().startsWith("line 3 is not valid JSON"),
                rows.get(1).errors().toString());
        assertEquals("third", rows.get(2).record().fields().content());
    }

    @Test
    void jsonLinesEndAtLineFeedOnlyNotAtU2028() {
        try (RowReader reader = fixture("u2028.jsonl")) {
            assertEquals(ImportFormat.JSONL, reader.format());
            List<SourceRow> rows = rows(reader);
            assertEquals(2, rows.size());
            assertEquals("before\u2028after\u2029end\u0085nel", rows.get(0).record().fields().content());
        }
    }

    @Test
    void langfuseExportMapsTextAndChatPrompts() {
        for (String file : List.of("langfuse-prompts.json", "langfuse-prompts.jsonl")) {
            try (RowReader reader = fixture(file)) {
                assertEquals("prompt", reader.mapping().get("content"));
                List<SourceRow> rows = rows(reader);
                PromptRecord text = rows.get(0).record();
                assertEquals("summarise", text.fields().name());
                assertEquals("Summarise {{text}}", text.fields().content());
                assertEquals(List.of("production", "latest", "writing"), text.fields().tags(), "labels and tags, deduplicated");
                assertEquals(Map.of("config", "{\"model\":\"gpt-4o\",\"temperature\":0.2}"), text.fields().metadata());
                assertNull(text.version(), "Langfuse's own version number is not ours");
                PromptRecord chat = rows.get(1).record();
                assertEquals("[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                        + "{\"role\":\"user\",\"content\":\"{{question}}\"}]", chat.fields().content());
                assertEquals(Map.of("promptType", "chat"), chat.fields().metadata(), "an empty config is left out");
                assertEquals(List.of(), chat.fields().tags());
            }
        }
    }
}
