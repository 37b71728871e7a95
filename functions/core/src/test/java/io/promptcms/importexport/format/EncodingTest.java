package io.promptcms.importexport.format;

import static io.promptcms.importexport.format.ImportFiles.bytes;
import static io.promptcms.importexport.format.ImportFiles.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodingTest {

    private static final String UNICODE_TEXT = "name\tcontent\ttags\r\nCafé ☕\tÜber {{x}} 😀\ta,b\r\n";

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void excelUnicodeTextIsUtf16LittleEndianWithBomAndTabs() {
        byte[] file = concat(new byte[] {(byte) 0xff, (byte) 0xfe}, UNICODE_TEXT.getBytes(StandardCharsets.UTF_16LE));
        try (RowReader reader = bytes(file, "Prompts.txt")) {
            assertEquals(StandardCharsets.UTF_16LE, reader.encoding());
            assertEquals(ImportFormat.CSV, reader.format());
            assertEquals('\t', reader.delimiter());
            PromptRecord record = reader.next().record();
            assertEquals("Café ☕", record.fields().name());
            assertEquals("Über {{x}} 😀", record.fields().content());
            assertEquals(List.of("a", "b"), record.fields().tags());
        }
    }

    @Test
    void utf16BigEndianWithBomReads() {
        byte[] file = concat(new byte[] {(byte) 0xfe, (byte) 0xff}, UNICODE_TEXT.getBytes(StandardCharsets.UTF_16BE));
        try (RowReader reader = bytes(file, "prompts.tsv")) {
            assertEquals(StandardCharsets.UTF_16BE, reader.encoding());
            assertEquals("Über {{x}} 😀", reader.next().record().fields().content());
        }
    }

    @Test
    void windows1252IsDetectedWhenTheBytesAreNotUtf8() {
        byte[] file = "name;content\r\nCafé;Résumé – “smart” quotes € ½\r\n".getBytes(TextInput.WINDOWS_1252);
        try (RowReader reader = bytes(file, "excel.csv")) {
            assertEquals("windows-1252", reader.encoding().name());
            SourceRow row = reader.next();
            assertTrue(row.ok(), row.errors().toString());
            assertEquals("Café", row.record().fields().name());
            assertEquals("Résumé – “smart” quotes € ½", row.record().fields().content());
        }
    }

    @Test
    void explicitEncodingWins() {
        byte[] file = "name,content\nx,Grüße\n".getBytes(StandardCharsets.ISO_8859_1);
        var settings = new ImportSettings(null, StandardCharsets.ISO_8859_1, Map.of());
        try (RowReader reader = bytes(file, "latin1.csv", settings)) {
            assertEquals(StandardCharsets.ISO_8859_1, reader.encoding());
            assertEquals("Grüße", reader.next().record().fields().content());
        }
        byte[] utf16 = concat(new byte[] {(byte) 0xff, (byte) 0xfe}, "name,content\nx,y\n".getBytes(StandardCharsets.UTF_16LE));
        var generic = new ImportSettings(null, StandardCharsets.UTF_16, Map.of());
        try (RowReader reader = bytes(utf16, "u.csv", generic)) {
            assertEquals("y", reader.next().record().fields().content(), "UTF-16 takes its byte order from the mark");
        }
    }

    @Test
    void invalidUtf8InAMostlyUtf8FileIsTheErrorOfItsRowOnly() {
        byte[] file = concat("name,content\nfirst,café\nsecond,bad ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xc3}, " bytes\nthird,naïve � real replacement char\n"
                        .getBytes(StandardCharsets.UTF_8));
        try (RowReader reader = bytes(file, "mixed.csv")) {
            assertEquals(StandardCharsets.UTF_8, reader.encoding());
            List<SourceRow> rows = rows(reader);
            assertEquals("café", rows.get(0).record().fields().content());
            assertNull(rows.get(1).record());
            RowError error = rows.get(1).errors().get(0);
            assertEquals(2, error.row());
            assertEquals("content", error.column());
            assertTrue(error.message().contains("not valid UTF-8"), error.message());
            assertTrue(rows.get(2).ok(), "a U+FFFD that is in the file is text, not an error");
            assertEquals("naïve \uFFFD real replacement char", rows.get(2).record().fields().content());
        }
    }

    @Test
    void invalidUtf8AfterTheDetectedPrefixIsARowErrorNotACrash() {
        var file = new ByteArrayOutputStream();
        file.writeBytes("name,content\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 2000; i++) {
            file.writeBytes(("row" + i + ",fine text with ünïcödé and more text to pass the prefix\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes("late,broken ".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] {(byte) 0xe9, '!'});
        file.writeBytes("\nlast,ok\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(file.size() > TextInput.PREFIX_BYTES);
        List<SourceRow> rows = rows(bytes(file.toByteArray(), "long.csv"));
        assertEquals(2002, rows.size());
        assertEquals(1, rows.stream().filter(r -> !r.ok()).count());
        assertEquals(2001, rows.get(2000).errors().get(0).row());
        assertEquals("ok", rows.get(2001).record().fields().content());
    }

    @Test
    void invalidBytesInsideAJsonLineFailThatLine() {
        byte[] file = concat("{\"name\":\"a\",\"content\":\"éè\"}\n{\"name\":\"b\",\"content\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, '('}, "\"}\n{\"name\":\"c\",\"content\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
        List<SourceRow> rows = rows(bytes(file, "p.jsonl"));
        assertTrue(rows.get(0).ok());
        assertTrue(rows.get(1).errors().get(0).message().contains("not valid UTF-8"));
        assertTrue(rows.get(2).ok());
    }

    @Test
    void decoderHandsOutSurrogatePairsOneCharacterAtATime() throws IOException {
        byte[] bytes = concat("a😀".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x80},
                "b".getBytes(StandardCharsets.UTF_8));
        var decoder = new ReplacingDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        char[] one = new char[1];
        while (decoder.read(one, 0, 1) > 0) {
            text.append(one[0]);
        }
        assertEquals("a😀\uFFFDb", text.toString());
        assertTrue(decoder.replacedBetween(3, 4));
        assertTrue(!decoder.replacedBetween(4, 5));
    }

    @Test
    void utf8CheckTakesATruncatedSequenceAtThePrefixEndForUtf8() {
        byte[] cut = concat("abc".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xe2, (byte) 0x82});
        assertTrue(Utf8Check.looksLikeUtf8(cut, 0, false));
        assertTrue(!Utf8Check.looksLikeUtf8(cut, 0, true));
        assertTrue(!Utf8Check.looksLikeUtf8("Café".getBytes(Charset.forName("windows-1252")), 0, true));
    }

    @Test
    void readerSkipsNothingButTheByteOrderMark() throws IOException {
        byte[] file = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "\uFEFFx".getBytes(StandardCharsets.UTF_8));
        TextInput text = TextInput.open(new ByteArrayInputStream(file), null);
        try (Reader reader = text.reader()) {
            assertEquals('\uFEFF', reader.read(), "only the first mark is a byte order mark");
        }
    }
}
