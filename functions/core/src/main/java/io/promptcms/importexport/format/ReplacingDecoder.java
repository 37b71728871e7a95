package io.promptcms.importexport.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * Decodes bytes to text, putting U+FFFD in place of bytes that are not valid in the charset and remembering the
 * character offset of each such replacement, so that a row reader can tell which row held invalid bytes (a
 * U+FFFD that really is in the file is not one of them). Offsets count the characters this reader has returned.
 */
final class ReplacingDecoder extends Reader {

    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
    private final ArrayDeque<Long> replacedAt = new ArrayDeque<>();
    private final char[] pair = new char[2];
    private int pairStart;
    private int pairEnd;
    private long position;
    private boolean endOfInput;
    private boolean flushed;

    ReplacingDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether a replacement was made in [from, to); forgets the replacements before {@code from}. */
    boolean replacedBetween(long from, long to) {
        while (!replacedAt.isEmpty() && replacedAt.peekFirst() < from) {
            replacedAt.pollFirst();
        }
        return !replacedAt.isEmpty() && replacedAt.peekFirst() < to;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (length == 1 || pairStart < pairEnd) {
            return readThroughPair(buffer, offset);
        }
        return decode(buffer, offset, length);
    }

    /** A surrogate pair does not fit a one-character read: decode into a two-character buffer and hand it out. */
    private int readThroughPair(char[] buffer, int offset) throws IOException {
        if (pairStart == pairEnd) {
            int n = decode(pair, 0, 2);
            if (n < 0) {
                return -1;
            }
            position -= n;
            pairStart = 0;
            pairEnd = n;
        }
        buffer[offset] = pair[pairStart++];
        position++;
        return 1;
    }

    private int decode(char[] buffer, int offset, int length) throws IOException {
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset && !flushed) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    break;
                }
                bytes.position(bytes.position() + result.length());
                replacedAt.addLast(position + out.position() - offset);
                out.put(REPLACEMENT);
            } else if (result.isOverflow()) {
                break;
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(out);
                    flushed = true;
                } else {
                    fill();
                }
            }
        }
        int count = out.position() - offset;
        position += count;
        return count == 0 && flushed ? -1 : count;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
