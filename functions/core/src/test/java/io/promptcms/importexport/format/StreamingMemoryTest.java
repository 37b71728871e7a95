package io.promptcms.importexport.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a file far larger than the heap budget keeps memory flat: the readers hold one record at a time. */
class StreamingMemoryTest {

    private static final long HEAP_BUDGET = 64L * 1024 * 1024;
    private static final Path TARGET = Path.of("target", "generated-imports");

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Path generate(String name, long bytes, String head, String row, String separator, String tail)
            throws IOException {
        Files.createDirectories(TARGET);
        Path file = TARGET.resolve(name);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            long written = 0;
            for (long i = 0; written < bytes; i++) {
                byte[] line = ((i == 0 ? "" : separator) + row.replace("#", Long.toString(i)))
                        .getBytes(StandardCharsets.UTF_8);
                out.write(line);
                written += line.length;
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static long readAllCheckingHeap(Path file, long baseline) throws IOException {
        long rows = 0;
        long peakAboveBaseline = 0;
        try (InputStream in = Files.newInputStream(file);
             RowReader reader = ImportReader.open(in, file.getFileName().toString(), null, ImportSettings.detect())) {
            while (reader.hasNext()) {
                SourceRow row = reader.next();
                assertTrue(row.ok(), row.errors().toString());
                if (++rows % 50_000 == 0) {
                    peakAboveBaseline = Math.max(peakAboveBaseline, usedHeapAfterGc() - baseline);
                }
            }
        }
        assertTrue(peakAboveBaseline < HEAP_BUDGET, "heap grew by " + peakAboveBaseline + " bytes");
        return rows;
    }

    @Test
    void a200MegabyteCsvIsReadRowByRowInFlatMemory() throws IOException {
        String content = "Write a haiku about \"#\", with commas, and\na second line. ".repeat(16);
        Path file = generate("big.csv", 200L * 1024 * 1024, "name,content,tags\r\n",
                "\"Prompt #\",\"" + content.replace("\"", "\"\"") + "\",\"a|b|c\"", "\r\n", "\r\n");
        long baseline = usedHeapAfterGc();
        long rows = readAllCheckingHeap(file, baseline);
        assertTrue(rows > 200_000, rows + " rows");
        Files.delete(file);
    }

    @Test
    void aLargeJsonArrayIsReadElementByElementInFlatMemory() throws IOException {
        String row = "{\"name\":\"Prompt #\",\"content\":\"" + "Summarise {{text}} in one line. ".repeat(30)
                + "\",\"tags\":[\"a\",\"b\"]}";
        Path file = generate("big.json", 80L * 1024 * 1024, "[", row, ",\n", "]");
        long baseline = usedHeapAfterGc();
        assertTrue(readAllCheckingHeap(file, baseline) > 50_000);
        Files.delete(file);
    }

    @Test
    void anUnterminatedQuoteEarlyInALargeFileStopsAtTheRecordLimit() throws IOException {
        Path file = generate("unterminated.csv", 20L * 1024 * 1024, "name,content\nfirst,ok\nsecond,\"never closed ",
                "filler text #", " ", "\n");
        List<SourceRow> rows = ImportFiles.rows(ImportFiles.open(Files.newInputStream(file), "u.csv", null,
                ImportSettings.detect()));
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).ok());
        String message = rows.get(1).errors().get(0).message();
        assertTrue(message.contains("more than " + TextInput.MAX_RECORD_CHARS + " characters")
                && message.contains("the rest of the file cannot be read"), message);
        Files.delete(file);
    }
}
