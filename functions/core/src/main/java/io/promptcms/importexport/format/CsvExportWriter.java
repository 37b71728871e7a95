package io.promptcms.importexport.format;

import io.promptcms.prompt.PromptFields;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV as Excel and Google Sheets open it: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF, a header of
 * {@link PromptRecord#COLUMNS}. Every non-null cell is quoted so that an empty string ({@code ""}) and an absent
 * value (nothing) stay apart; lists and metadata are JSON text (see {@link CellText}).
 */
final class CsvExportWriter implements ExportWriter {

    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .get();

    private final CSVPrinter printer;
    private final CsvMode mode;

    CsvExportWriter(OutputStream out, CsvMode mode) throws IOException {
        this.mode = mode;
        out.write(UTF8_BOM);
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), FORMAT);
        printer.printRecord(PromptRecord.COLUMNS);
    }

    @Override
    public void write(PromptRecord r) throws IOException {
        PromptFields f = r.fields();
        String[] cells = {
                r.id(), f.name(), f.content(), f.description(), CellText.listCell(f.tags()), f.model(),
                CellText.listCell(r.collections()), r.visibility(), r.team(), CellText.listCell(f.variables()),
                CellText.metadataCell(f.metadata()), text(r.version()), r.createdAt(), r.updatedAt(),
                text(r.usageCount()), text(r.totalCostUsd())};
        printer.printRecord(mode == CsvMode.SPREADSHEET_SAFE
                ? Arrays.stream(cells).map(SpreadsheetEscaping::escape).toList()
                : Arrays.asList(cells));
    }

    private static String text(Object number) {
        return number == null ? null : number.toString();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
