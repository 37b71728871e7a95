package io.promptcms.importexport.format;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a parser that buffers a whole record (a quoted CSV field) from reading the rest of a large file into
 * memory when the record never ends: after {@code limit} characters without {@link #recordEnded()}, reading fails
 * with {@link RecordTooLongException}.
 */
final class RecordLimitReader extends FilterReader {

    private final long limit;
    private long budget;

    RecordLimitReader(Reader in, long limit) {
        super(in);
        this.limit = limit;
        this.budget = limit;
    }

    void recordEnded() {
        budget = limit;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (budget <= 0) {
            throw new RecordTooLongException(limit);
        }
        int n = in.read(buffer, offset, (int) Math.min(length, budget));
        if (n > 0) {
            budget -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] sink = new char[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }
}
