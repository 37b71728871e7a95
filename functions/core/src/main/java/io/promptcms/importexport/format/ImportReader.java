package io.promptcms.importexport.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Opens an import file as a stream of rows. The format is, in this order: the one the settings name, the one
 * the content type names, the one the file name's extension names, or the one the content starts like
 * ({@code [} JSON, {@code {} JSON Lines, anything else CSV). The encoding is the one the settings name, the
 * one a byte order mark names, UTF-8 when the first 64 KB are (mostly) valid UTF-8, else Windows-1252.
 */
public final class ImportReader {

    private ImportReader() {
    }

    /**
     * @param settings null: detect everything
     * @throws ImportFileException when the file as a whole cannot be imported (the stream is then closed)
     * @throws IOException when the stream cannot be read
     */
    public static RowReader open(InputStream in, String fileName, String contentType, ImportSettings settings)
            throws IOException {
        ImportSettings given = settings == null ? ImportSettings.detect() : settings;
        try {
            TextInput text = TextInput.open(in, given.encoding());
            try {
                return switch (format(given, fileName, contentType, text.prefix())) {
                    case CSV -> CsvRowReader.open(text, given.mapping());
                    case JSON -> JsonArrayRowReader.open(text, given.mapping());
                    case JSONL -> JsonLinesRowReader.open(text, given.mapping());
                };
            } catch (RuntimeException | IOException e) {
                text.close();
                throw e;
            }
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    static ImportFormat format(ImportSettings settings, String fileName, String contentType, String prefix) {
        if (settings.format() != null) {
            return settings.format();
        }
        ImportFormat declared = fromContentType(contentType);
        if (declared == null) {
            declared = fromExtension(fileName);
        }
        char first = firstNonWhitespace(prefix);
        if (declared == ImportFormat.JSON && first == '{' && isJsonLines(prefix)) {
            return ImportFormat.JSONL; // JSON Lines saved as .json: many objects, one per line
        }
        if (declared != null) {
            return declared;
        }
        return switch (first) {
            case '[' -> ImportFormat.JSON;
            case '{' -> JsonLinesRowReader.startsWithObjectLine(prefix) ? ImportFormat.JSONL : ImportFormat.JSON;
            default -> ImportFormat.CSV;
        };
    }

    /** A whole object on the first line and another object line after it. */
    private static boolean isJsonLines(String prefix) {
        if (!JsonLinesRowReader.startsWithObjectLine(prefix)) {
            return false;
        }
        String rest = prefix.strip();
        int lineEnd = rest.indexOf('\n');
        return lineEnd > 0 && rest.substring(lineEnd + 1).strip().startsWith("{");
    }

    private static ImportFormat fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "application/csv", "text/tab-separated-values" -> ImportFormat.CSV;
            case "application/json", "text/json" -> ImportFormat.JSON;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
                 "application/jsonlines" -> ImportFormat.JSONL;
            default -> null;
        };
    }

    private static ImportFormat fromExtension(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : switch (name.substring(dot + 1)) {
            case "csv", "tsv" -> ImportFormat.CSV;
            case "json" -> ImportFormat.JSON;
            case "jsonl", "ndjson" -> ImportFormat.JSONL;
            default -> null; // .txt (Excel's "Unicode text") and others: by content
        };
    }

    private static char firstNonWhitespace(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (!Character.isWhitespace(prefix.charAt(i))) {
                return prefix.charAt(i);
            }
        }
        return ' ';
    }
}
