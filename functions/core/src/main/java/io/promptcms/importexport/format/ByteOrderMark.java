package io.promptcms.importexport.format;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The byte order mark at the start of a file, if any: UTF-8 (EF BB BF), UTF-16 LE (FF FE) or BE (FE FF). */
record ByteOrderMark(Charset charset, int length) {

    private static final ByteOrderMark NONE = new ByteOrderMark(null, 0);

    static ByteOrderMark of(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            return new ByteOrderMark(StandardCharsets.UTF_8, 3);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            return new ByteOrderMark(StandardCharsets.UTF_16LE, 2);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            return new ByteOrderMark(StandardCharsets.UTF_16BE, 2);
        }
        return NONE;
    }

    /** The charset to decode with when the caller named one: "UTF-16" takes its byte order from the mark. */
    Charset decodingCharset(Charset explicit) {
        if (explicit.equals(StandardCharsets.UTF_16) && charset != null && charset != StandardCharsets.UTF_8) {
            return charset;
        }
        return explicit.equals(StandardCharsets.UTF_16) ? StandardCharsets.UTF_16BE : explicit;
    }

    /** How many bytes to skip before decoding with {@code decoding}: the mark, when it belongs to that charset. */
    int skippedFor(Charset decoding) {
        return decoding.equals(charset) ? length : 0;
    }
}
