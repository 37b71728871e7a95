package io.promptcms.importexport.format;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rows of an import file, read one at a time (memory does not grow with the file). What was detected is
 * known as soon as the reader is open. I/O failures of the underlying stream surface as
 * {@link java.io.UncheckedIOException}; every problem with the file's content is a row's {@link RowError}.
 * After a row whose error says the rest of the file cannot be read, there are no more rows.
 */
public interface RowReader extends Iterator<SourceRow>, AutoCloseable {

    ImportFormat format();

    Charset encoding();

    /** The CSV delimiter, null for JSON and JSON Lines. */
    Character delimiter();

    /** Canonical field → source column (CSV) or field (JSON: as seen on the first record), in canonical order. */
    Map<String, String> mapping();

    /** The source columns (CSV header) or the fields of the first record (JSON). */
    List<String> columns();

    /** Closes the input stream. */
    @Override
    void close();
}
