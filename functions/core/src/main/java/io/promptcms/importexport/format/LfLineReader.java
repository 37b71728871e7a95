package io.promptcms.importexport.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines at LF only (a CR before the LF is dropped): U+2028, U+2029, NEL and lone CRs inside a
 * JSON Lines record are text, not line ends. Tracks each line's number and character span.
 */
final class LfLineReader {

    record Line(long number, long start, long end, String text) {
    }

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long offset;
    private long lineNumber;

    LfLineReader(Reader in) {
        this.in = in;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        long start = offset;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.isEmpty() && offset == start ? null : finish(line, start);
                }
            }
            int from = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, from, position - from);
            offset += position - from;
            if (position < limit) {
                position++;
                offset++;
                return finish(line, start);
            }
        }
    }

    private Line finish(StringBuilder line, long start) {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return new Line(++lineNumber, start, offset, line.toString());
    }
}
