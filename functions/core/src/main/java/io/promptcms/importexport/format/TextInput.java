package io.promptcms.importexport.format;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * An import file as text: its encoding detected (or given), its byte order mark dropped, checked to be
 * non-empty text, and its first characters kept for format sniffing. The reader is positioned at the first
 * character after the byte order mark; character offsets of parsers over it match {@link #decoder()}'s.
 */
final class TextInput {

    static final int PREFIX_BYTES = 64 * 1024;
    static final int PREFIX_CHARS = 64 * 1024;
    /** The longest record a reader buffers: far above the content limit, far below the memory of a Lambda. */
    static final long MAX_RECORD_CHARS = 8L * 1024 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final Charset charset;
    private final ReplacingDecoder decoder;
    private final RecordLimitReader limit;
    private final BufferedReader reader;
    private final String prefix;

    private TextInput(Charset charset, ReplacingDecoder decoder, RecordLimitReader limit, BufferedReader reader,
            String prefix) {
        this.charset = charset;
        this.decoder = decoder;
        this.limit = limit;
        this.reader = reader;
        this.prefix = prefix;
    }

    static TextInput open(InputStream raw, Charset explicit) throws IOException {
        var in = new BufferedInputStream(raw, PREFIX_BYTES);
        in.mark(PREFIX_BYTES);
        byte[] head = in.readNBytes(PREFIX_BYTES);
        in.reset();
        boolean whole = head.length < PREFIX_BYTES;
        ByteOrderMark bom = ByteOrderMark.of(head);
        rejectKnownBinary(head, bom.length());
        Charset charset = explicit != null ? bom.decodingCharset(explicit)
                : bom.charset() != null ? bom.charset()
                : Utf8Check.looksLikeUtf8(head, bom.length(), whole) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        in.skipNBytes(bom.skippedFor(charset));

        var decoder = new ReplacingDecoder(in, charset);
        var limit = new RecordLimitReader(decoder, MAX_RECORD_CHARS);
        var reader = new BufferedReader(limit, PREFIX_CHARS);
        reader.mark(PREFIX_CHARS);
        char[] chars = new char[PREFIX_CHARS];
        int total = 0;
        int n;
        while (total < chars.length && (n = reader.read(chars, total, chars.length - total)) > 0) {
            total += n;
        }
        reader.reset();
        String prefix = new String(chars, 0, total);
        if (prefix.isBlank() && total < PREFIX_CHARS) {
            throw new ImportFileException("the file is empty");
        }
        rejectBinaryText(prefix);
        return new TextInput(charset, decoder, limit, reader, prefix);
    }

    private static void rejectKnownBinary(byte[] head, int from) {
        if (head.length - from <= 0) {
            throw new ImportFileException("the file is empty");
        }
        if (startsWith(head, from, 'P', 'K', 3, 4)) {
            throw new ImportFileException("the file is a ZIP archive (an Excel workbook?), not text: "
                    + "save it as CSV UTF-8, JSON or JSON Lines");
        }
        if (startsWith(head, from, 0x1f, 0x8b)) {
            throw new ImportFileException("the file is gzip-compressed: decompress it first");
        }
    }

    private static boolean startsWith(byte[] bytes, int from, int... magic) {
        if (bytes.length - from < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[from + i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** NUL characters, or many other control characters, mean this is not a text file whatever its name says. */
    private static void rejectBinaryText(String prefix) {
        int controls = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == 0) {
                throw new ImportFileException("the file is not text (it contains NUL bytes): export it as CSV, "
                        + "JSON or JSON Lines; for UTF-16 text without a byte order mark, pass its encoding");
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1e && c != 0x1f) {
                controls++;
            }
        }
        if (controls * 10L > prefix.length()) {
            throw new ImportFileException("the file is not text (it is full of control characters): "
                    + "export it as CSV, JSON or JSON Lines");
        }
    }

    Charset charset() {
        return charset;
    }

    ReplacingDecoder decoder() {
        return decoder;
    }

    BufferedReader reader() {
        return reader;
    }

    /** The first characters of the text (up to {@link #PREFIX_CHARS}). */
    String prefix() {
        return prefix;
    }

    /** Lets the next record be up to {@link #MAX_RECORD_CHARS} long. */
    void recordEnded() {
        limit.recordEnded();
    }

    void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // closing a stream we only read from: nothing to recover
        }
    }
}
