package io.promptcms.importexport.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads CSV (RFC 4180) with Apache Commons CSV, one record at a time. The record after the one being returned
 * is read ahead, so that the character span of each record is known and invalid bytes can be pinned on it.
 */
final class CsvRowReader implements RowReader {

    static final int MAX_COLUMNS = 256;
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

    private final TextInput text;
    private final char delimiter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final boolean ownExport;
    private final Map<String, String> mapping;
    private final int[] sourceIndex;
    private CSVRecord ahead;
    private long dataRecordsRead;
    private long lastRow;
    private SourceRow unreadableRest;

    private CsvRowReader(TextInput text, Map<String, String> explicitMapping) throws IOException {
        this.text = text;
        this.delimiter = Delimiters.detect(text.prefix());
        // empty and unquoted reads as null, "" as the empty string: our export writes every non-null cell quoted
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setNullString("")
                .setTrailingData(true)
                .get();
        this.parser = CSVParser.builder().setReader(text.reader()).setFormat(format).get();
        this.records = parser.iterator();
        this.header = readHeader();
        this.ownExport = header.equals(PromptRecord.COLUMNS);
        this.mapping = ColumnMapping.resolve(header, explicitMapping, true);
        if (!mapping.containsKey("content")) {
            throw new ImportFileException("no content column: the columns are " + String.join(", ", header)
                    + "; name one of " + String.join(", ", ColumnMapping.contentAliases()) + " or pass a mapping");
        }
        this.sourceIndex = PromptRecord.COLUMNS.stream()
                .mapToInt(field -> mapping.containsKey(field) ? header.indexOf(mapping.get(field)) : -1)
                .toArray();
        readAhead();
    }

    static CsvRowReader open(TextInput text, Map<String, String> explicitMapping) throws IOException {
        return new CsvRowReader(text, explicitMapping);
    }

    private List<String> readHeader() {
        CSVRecord first;
        try {
            first = records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw new ImportFileException("the header line cannot be read: " + describe(e.getCause()));
        }
        if (first == null) {
            throw new ImportFileException("the file is empty");
        }
        if (first.size() > MAX_COLUMNS) {
            throw new ImportFileException("the header has " + first.size() + " columns; at most " + MAX_COLUMNS
                    + " are supported");
        }
        List<String> names = new ArrayList<>(first.size());
        first.forEach(name -> names.add(name == null ? "" : name));
        List<String> duplicates = ColumnMapping.duplicates(names);
        if (!duplicates.isEmpty()) {
            throw new ImportFileException("the header names these columns more than once: "
                    + String.join(", ", duplicates));
        }
        return List.copyOf(names);
    }

    private void readAhead() {
        try {
            ahead = records.hasNext() ? records.next() : null;
            if (ahead != null) {
                dataRecordsRead++;
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof CSVException || e.getCause() instanceof RecordTooLongException)) {
                throw e; // the source failed (a dropped or stalled connection), not the file: the caller retries
            }
            ahead = null;
            unreadableRest = SourceRow.failed(dataRecordsRead + 1, null, describe(e.getCause()));
        }
        text.recordEnded();
    }

    private static String describe(IOException e) {
        if (e instanceof RecordTooLongException) {
            return "a field here runs on for more than " + TextInput.MAX_RECORD_CHARS
                    + " characters, most likely a quote that is never closed: the rest of the file cannot be read";
        }
        Matcher startLine = START_LINE.matcher(String.valueOf(e.getMessage()));
        if (startLine.find()) {
            return "the quoted field that starts on line " + startLine.group(1)
                    + " is never closed: the rest of the file (from that line on) cannot be read";
        }
        return "unreadable CSV (" + e.getMessage() + "): the rest of the file cannot be read";
    }

    @Override
    public boolean hasNext() {
        return ahead != null || unreadableRest != null;
    }

    @Override
    public SourceRow next() {
        if (ahead == null) {
            if (unreadableRest == null) {
                throw new NoSuchElementException();
            }
            SourceRow last = unreadableRest;
            unreadableRest = null;
            return last;
        }
        CSVRecord current = ahead;
        long row = ++lastRow;
        readAhead();
        long end = ahead != null ? ahead.getCharacterPosition() : Long.MAX_VALUE;
        return toRow(row, current, end);
    }

    private SourceRow toRow(long row, CSVRecord record, long end) {
        if (record.size() != header.size()) {
            return SourceRow.failed(row, null, "has " + record.size() + " fields but the header has "
                    + header.size() + " (a delimiter or quote out of place?)");
        }
        if (text.decoder().replacedBetween(record.getCharacterPosition(), end)) {
            return SourceRow.failed(row, columnHolding(record, '\uFFFD'), "holds bytes that are not valid "
                    + text.charset().name() + " text: re-save the file as UTF-8, or name its encoding");
        }
        var values = new RecordValues(row);
        for (int f = 0; f < sourceIndex.length; f++) {
            int index = sourceIndex[f];
            if (index >= 0) {
                String cell = record.get(index);
                values.fromCell(PromptRecord.COLUMNS.get(f), header.get(index),
                        ownExport ? SpreadsheetEscaping.unescape(cell) : cell, ownExport);
            }
        }
        return values.toRow();
    }

    private String columnHolding(CSVRecord record, char c) {
        for (int i = 0; i < record.size(); i++) {
            String cell = record.get(i);
            if (cell != null && cell.indexOf(c) >= 0) {
                return header.get(i);
            }
        }
        return null;
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.CSV;
    }

    @Override
    public Charset encoding() {
        return text.charset();
    }

    @Override
    public Character delimiter() {
        return delimiter;
    }

    @Override
    public Map<String, String> mapping() {
        return mapping;
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public void close() {
        text.close();
    }
}
