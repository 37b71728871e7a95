package io.promptcms.importexport.format;

import static io.promptcms.importexport.format.ImportFiles.bytes;
import static io.promptcms.importexport.format.ImportFiles.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.prompt.PromptFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportRoundTripTest {

    private static final String LONG = "Ünïcødé 😀 \"quoted\", comma\r\n".repeat(20_000);

    private static List<PromptRecord> library() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("source", "=cmd|' /C calc'!A0");
        metadata.put("note", "line\nbreak, \"quote\" | pipe");
        metadata.put("", "");
        return List.of(
                new PromptRecord("prm_1",
                        new PromptFields("Café ☕ \"best\", friend", "Hello {{name}},\nhow are you? 😀\r\nBye", "desc with\ttab",
                                List.of("a,b", "c|d", "e;f", "\"q\"", "-minus", "=eq"), "gpt-4o", List.of("name"), metadata),
                        List.of("Work, EU", "Drafts|Old"), "private", null, 3L, "2025-01-02T03:04:05.006Z", "2025-02-03T04:05:06.007Z",
                        12L, 0.1 + 0.2),
                new PromptRecord("prm_2",
                        new PromptFields("-starts with minus", "=SUM(A1:A2)", "+plus", List.of(), "@model", List.of(), Map.of()),
                        List.of(), "team", "team_1", 1L, null, null, 0L, 0.0),
                new PromptRecord("prm_3",
                        new PromptFields("'apostrophe", "''two apostrophes", "'=quoted formula", List.of("'tag"), "\tmodel", null, null),
                        null, null, null, null, null, null, null, null),
                new PromptRecord("prm_4",
                        new PromptFields("", "\nstarts with a line feed", "\rcarriage", null, "", null, null),
                        null, "", "", Long.MAX_VALUE, "", "", Long.MIN_VALUE, -1.5e-300),
                new PromptRecord("prm_5",
                        new PromptFields("controls \u001e\u001f nbsp\u00a0 zw\u200b sep\u2028", LONG, "a".repeat(5000), null, null, null, null),
                        null, null, null, null, null, null, null, Double.MAX_VALUE));
    }

    private static byte[] export(ExportFormat format, CsvMode mode, List<PromptRecord> records) {
        var out = new ByteArrayOutputStream();
        try (ExportWriter writer = ExportWriter.open(out, format, mode)) {
            for (PromptRecord record : records) {
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<PromptRecord> reimport(byte[] file, String name) {
        return rows(bytes(file, name)).stream().map(row -> {
            assertTrue(row.ok(), row.errors().toString());
            return row.record();
        }).toList();
    }

    @Test
    void spreadsheetSafeCsvRoundTripsEveryField() {
        assertEquals(library(), reimport(export(ExportFormat.CSV, CsvMode.SPREADSHEET_SAFE, library()), "e.csv"));
    }

    @Test
    void jsonRoundTripsEveryField() {
        assertEquals(library(), reimport(export(ExportFormat.JSON, null, library()), "e.json"));
    }

    @Test
    void jsonLinesRoundTripEveryField() {
        byte[] file = export(ExportFormat.JSONL, null, library());
        assertEquals(library(), reimport(file, "e.jsonl"));
        assertEquals(library().size(), new String(file, StandardCharsets.UTF_8).split("\n").length,
                "one line per prompt: line breaks inside values are escaped");
    }

    @Test
    void rawCsvRoundTripsValuesThatDoNotStartWithAnEscapedLookingApostrophe() {
        List<PromptRecord> raw = library().stream().filter(r -> !r.id().equals("prm_3")).toList();
        assertEquals(raw, reimport(export(ExportFormat.CSV, CsvMode.RAW, raw), "raw.csv"));
    }

    @Test
    void csvExportIsUtf8WithBomCrlfAndOurHeader() {
        byte[] file = export(ExportFormat.CSV, CsvMode.SPREADSHEET_SAFE, List.of());
        assertEquals(List.of((byte) 0xef, (byte) 0xbb, (byte) 0xbf), List.of(file[0], file[1], file[2]));
        String text = new String(Arrays.copyOfRange(file, 3, file.length), StandardCharsets.UTF_8);
        assertEquals("\"" + String.join("\",\"", PromptRecord.COLUMNS) + "\"\r\n", text);
    }

    @Test
    void spreadsheetSafeCsvNeutralisesFormulasAndRawDoesNot() {
        PromptRecord formula = new PromptRecord(null,
                new PromptFields("=HYPERLINK(\"http://x\")", "@SUM(1)", "-2+3", null, "+1", null, null),
                null, null, null, null, null, null, null, null);
        String safe = new String(export(ExportFormat.CSV, CsvMode.SPREADSHEET_SAFE, List.of(formula)),
                StandardCharsets.UTF_8);
        assertTrue(safe.endsWith(",\"'=HYPERLINK(\"\"http://x\"\")\",\"'@SUM(1)\",\"'-2+3\",,\"'+1\","
                + ",,,,,,,,,\r\n"), safe);
        String raw = new String(export(ExportFormat.CSV, CsvMode.RAW, List.of(formula)), StandardCharsets.UTF_8);
        assertTrue(raw.endsWith(",\"=HYPERLINK(\"\"http://x\"\")\",\"@SUM(1)\",\"-2+3\",,\"+1\",,,,,,,,,,\r\n"), raw);
    }

    @Test
    void apostrophesAreOnlyUnescapedInOurOwnExport() {
        String foreign = "name,content\n'=x,'-y\n";
        PromptRecord record = reimport(foreign.getBytes(StandardCharsets.UTF_8), "f.csv").get(0);
        assertEquals("'=x", record.fields().name());
        assertEquals("'-y", record.fields().content());
    }
}
