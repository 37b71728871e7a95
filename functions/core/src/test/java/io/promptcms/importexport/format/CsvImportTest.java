package io.promptcms.importexport.format;

import static io.promptcms.importexport.format.ImportFiles.bytes;
import static io.promptcms.importexport.format.ImportFiles.fixture;
import static io.promptcms.importexport.format.ImportFiles.fixtureRows;
import static io.promptcms.importexport.format.ImportFiles.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvImportTest {

    @Test
    void awesomeChatGptPromptsMapActAndPromptAutomatically() {
        try (RowReader reader = fixture("awesome-chatgpt-prompts.csv")) {
            assertEquals(ImportFormat.CSV, reader.format());
            assertEquals(',', reader.delimiter());
            assertEquals(Map.of("name", "act", "content", "prompt"), reader.mapping());
            List<SourceRow> rows = rows(reader);
            assertEquals(2, rows.size());
            assertEquals("Linux Terminal", rows.get(0).record().fields().name());
            assertEquals("I want you to act as a linux terminal. Reply with \"terminal output\" only.",
                    rows.get(0).record().fields().content());
            assertEquals(2, rows.get(1).row());
        }
    }

    @Test
    void semicolonSeparatedCrlfWithBomReadsAliasesAndSplitsTags() {
        try (RowReader reader = fixture("semicolon-crlf-bom.csv")) {
            assertEquals(';', reader.delimiter());
            assertEquals(StandardCharsets.UTF_8, reader.encoding());
            assertEquals("Title", reader.mapping().get("name"), "the BOM is not part of the first column name");
            assertEquals("Body", reader.mapping().get("content"));
            assertEquals("Labels", reader.mapping().get("tags"));
            assertEquals("Folder", reader.mapping().get("collections"));
            assertEquals("Notes", reader.mapping().get("description"));
            List<SourceRow> rows = rows(reader);
            PromptRecord first = rows.get(0).record();
            assertEquals("Summarise {{text}}; keep it short", first.fields().content());
            assertEquals(List.of("writing", "summary", "work"), first.fields().tags());
            assertEquals(List.of("Work, EU", "Drafts"), first.collections(), "collection names split on | only");
            assertNull(first.fields().description(), "an empty unquoted cell is absent");
            PromptRecord second = rows.get(1).record();
            assertEquals("Translate to French:\r\n{{text}}", second.fields().content(), "line ends inside quotes are kept");
            assertEquals(List.of(), second.fields().tags(), "a quoted empty cell is an empty list");
            assertNull(second.collections());
            assertEquals("a note", second.fields().description());
        }
    }

    @Test
    void quotedMultiLineFieldsStayInTheirRow() {
        List<SourceRow> rows = fixtureRows("multiline.csv");
        assertEquals(2, rows.size());
        assertEquals("Line one\nLine two, with a comma\n\"Quoted\" line", rows.get(0).record().fields().content());
        assertEquals("plain", rows.get(0).record().fields().description());
        assertEquals("second\r\nrow", rows.get(1).record().fields().content());
    }

    @Test
    void headerOnlyHasNoRows() {
        try (RowReader reader = fixture("header-only.csv")) {
            assertFalse(reader.hasNext());
            assertEquals(List.of("name", "content", "tags"), reader.columns());
        }
    }

    @Test
    void emptyFileIsAFileError() {
        var e = assertThrows(ImportFileException.class, () -> fixture("empty.csv"));
        assertEquals("the file is empty", e.getMessage());
        assertEquals("the file is empty", assertThrows(ImportFileException.class,
                () -> bytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '\r', '\n'}, "bom.csv")).getMessage());
    }

    @Test
    void noContentColumnNamesTheColumnsSeen() {
        var e = assertThrows(ImportFileException.class, () -> fixture("no-content-column.csv"));
        assertTrue(e.getMessage().contains("title, author, year"), e.getMessage());
    }

    @Test
    void explicitMappingOverridesAliases() {
        var settings = new ImportSettings(null, null, Map.of("content", "author", "description", "title"));
        try (RowReader reader = ImportFiles.open(ImportFiles.resource("no-content-column.csv"), "x.csv", null,
                settings)) {
            assertEquals("author", reader.mapping().get("content"));
            assertEquals("title", reader.mapping().get("description"));
            assertNull(reader.mapping().get("name"), "a column the mapping took is not mapped again");
            PromptRecord record = reader.next().record();
            assertEquals("Y", record.fields().content());
            assertEquals("X", record.fields().description());
        }
    }

    @Test
    void mappingToAMissingColumnIsAFileError() {
        var settings = new ImportSettings(null, null, Map.of("content", "nope"));
        var e = assertThrows(ImportFileException.class, () -> ImportFiles.open(
                ImportFiles.resource("no-content-column.csv"), "x.csv", null, settings));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void unterminatedQuoteNamesTheRowAndStopsWithoutGarbageRows() {
        List<SourceRow> rows = fixtureRows("unterminated-quote.csv");
        assertEquals(2, rows.size());
        assertEquals("ok", rows.get(0).record().fields().content());
        SourceRow broken = rows.get(1);
        assertEquals(2, broken.row());
        assertNull(broken.record());
        String message = broken.errors().get(0).message();
        assertTrue(message.contains("starts on line 3") && message.contains("rest of the file"), message);
    }

    @Test
    void wrongColumnCountFailsOnlyThatRow() {
        List<SourceRow> rows = fixtureRows("wrong-column-count.csv");
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).ok());
        assertEquals(2, rows.get(1).errors().get(0).row());
        assertTrue(rows.get(1).errors().get(0).message().startsWith("has 4 fields but the header has 3"));
        assertTrue(rows.get(2).errors().get(0).message().startsWith("has 2 fields but the header has 3"));
        assertEquals("fourth", rows.get(3).record().fields().content(), "later rows are not shifted");
        assertEquals("claude", rows.get(3).record().fields().model());
    }

    @Test
    void duplicatedHeaderNamesAreAFileError() {
        var e = assertThrows(ImportFileException.class, () -> fixture("duplicate-header.csv"));
        assertEquals("the header names these columns more than once: Name, tags", e.getMessage());
    }

    @Test
    void tenThousandColumnsAreAFileError() {
        StringBuilder csv = new StringBuilder("content");
        for (int i = 1; i < 10_000; i++) {
            csv.append(",c").append(i);
        }
        csv.append('\n');
        var e = assertThrows(ImportFileException.class,
                () -> bytes(csv.toString().getBytes(StandardCharsets.UTF_8), "wide.csv"));
        assertTrue(e.getMessage().contains("10000 columns"), e.getMessage());
    }

    @Test
    void contentCellsOfHundredsOfKilobytesImportWhole() {
        String big = "x".repeat(150 * 1024 - 3) + "end";
        String huge = "é".repeat(300 * 1024);
        String csv = "name,content\nbig,\"" + big + "\"\nhuge," + huge + "\nafter,small\n";
        List<SourceRow> rows = rows(bytes(csv.getBytes(StandardCharsets.UTF_8), "big.csv"));
        assertEquals(3, rows.size());
        assertEquals(big, rows.get(0).record().fields().content());
        assertEquals(huge, rows.get(1).record().fields().content(), "600 KB of UTF-8: the reader keeps it, part B rejects it");
        assertEquals("small", rows.get(2).record().fields().content());
    }

    @Test
    void controlCharactersNonBreakingAndZeroWidthSpacesAreKept() {
        List<SourceRow> rows = fixtureRows("control-chars.csv");
        assertEquals(2, rows.size());
        assertEquals("rec\u001esep", rows.get(0).record().fields().name());
        assertEquals("unit\u001fsep and nbsp\u00a0here and zero\u200bwidth", rows.get(0).record().fields().content());
        String unquoted = "name,content\nA\u001eB,C\u001fD\u00a0\u200b\n";
        PromptRecord record = rows(bytes(unquoted.getBytes(StandardCharsets.UTF_8), "c.csv")).get(0).record();
        assertEquals("A\u001eB", record.fields().name());
        assertEquals("C\u001fD\u00a0\u200b", record.fields().content());
    }

    @Test
    void namesKeepTheirSpacesAndCase() {
        List<SourceRow> rows = fixtureRows("names.csv");
        assertEquals("  padded  ", rows.get(0).record().fields().name());
        assertEquals("Duplicate", rows.get(1).record().fields().name());
        assertEquals("duplicate", rows.get(2).record().fields().name());
    }

    @Test
    void fieldsThatDoNotParseAreRowErrorsNamingTheColumn() {
        String csv = "name,content,version,Total Cost USD,metadata\na,b,three,1.5,{}\nc,d,3,abc,[1]\ne,f,4,0.25,\"{\"\"k\"\":1}\"\n";
        List<SourceRow> rows = rows(bytes(csv.getBytes(StandardCharsets.UTF_8), "n.csv"));
        assertEquals(List.of(new RowError(1, "version", "must be a whole number")), rows.get(0).errors());
        assertEquals(List.of(new RowError(2, "metadata", "must be a JSON object such as {\"key\":\"value\"}"),
                new RowError(2, "Total Cost USD", "must be a number")), rows.get(1).errors(), "in field order");
        PromptRecord ok = rows.get(2).record();
        assertEquals(4L, ok.version());
        assertEquals(0.25, ok.totalCostUsd());
        assertEquals(Map.of("k", "1"), ok.fields().metadata());
    }

    @Test
    void binaryFileNamedCsvIsAFileError() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        var e = assertThrows(ImportFileException.class, () -> bytes(png, "prompts.csv"));
        assertTrue(e.getMessage().startsWith("the file is not text"), e.getMessage());
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        assertTrue(assertThrows(ImportFileException.class, () -> bytes(xlsx, "prompts.csv")).getMessage()
                .contains("ZIP archive"));
        byte[] controls = new byte[200];
        for (int i = 0; i < controls.length; i++) {
            controls[i] = (byte) (i % 2 == 0 ? 0x01 + i % 7 : 'a');
        }
        assertTrue(assertThrows(ImportFileException.class, () -> bytes(controls, "prompts.csv")).getMessage()
                .contains("control characters"));
    }
}
