package io.promptcms.importexport.format;

/**
 * Decides from a file's first bytes whether it is UTF-8. A file whose non-ASCII bytes form mostly valid UTF-8
 * sequences is UTF-8 even with a few invalid bytes (those become row errors); one with no valid multi-byte
 * sequence at all and some invalid bytes is taken for Windows-1252, as spreadsheets on Windows write it.
 */
final class Utf8Check {

    private Utf8Check() {
    }

    static boolean looksLikeUtf8(byte[] bytes, int from, boolean whole) {
        int valid = 0;
        int invalid = 0;
        int i = from;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i);
            if (length > 0) {
                valid++;
                i += length;
            } else if (length == 0 && !whole) {
                break; // a sequence cut by the end of the prefix
            } else {
                invalid++;
                i++;
            }
        }
        return invalid == 0 || valid > invalid;
    }

    /** The length of the valid sequence at {@code i}, 0 if it is cut short by the end of the array, -1 if invalid. */
    private static int sequenceLength(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        int length;
        int low = 0x80;
        int high = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            low = b == 0xe0 ? 0xa0 : 0x80;
            high = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            low = b == 0xf0 ? 0x90 : 0x80;
            high = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= bytes.length) {
                return 0;
            }
            int c = bytes[i + k] & 0xff;
            if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xbf)) {
                return -1;
            }
        }
        return length;
    }
}
