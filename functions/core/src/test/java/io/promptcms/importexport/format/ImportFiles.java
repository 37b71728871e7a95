package io.promptcms.importexport.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Opens fixture files and byte arrays as import files and collects their rows. */
final class ImportFiles {

    private ImportFiles() {
    }

    static RowReader fixture(String name) {
        return open(resource(name), name, null, ImportSettings.detect());
    }

    static RowReader bytes(byte[] bytes, String fileName) {
        return bytes(bytes, fileName, ImportSettings.detect());
    }

    static RowReader bytes(byte[] bytes, String fileName, ImportSettings settings) {
        return open(new ByteArrayInputStream(bytes), fileName, null, settings);
    }

    static RowReader open(InputStream in, String fileName, String contentType, ImportSettings settings) {
        try {
            return ImportReader.open(in, fileName, contentType, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SourceRow> rows(RowReader reader) {
        try (reader) {
            List<SourceRow> rows = new ArrayList<>();
            reader.forEachRemaining(rows::add);
            return rows;
        }
    }

    static List<SourceRow> fixtureRows(String name) {
        return rows(fixture(name));
    }

    static InputStream resource(String name) {
        InputStream in = ImportFiles.class.getResourceAsStream("/import/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        return in;
    }
}
