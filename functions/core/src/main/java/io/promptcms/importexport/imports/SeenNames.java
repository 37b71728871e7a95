package io.promptcms.importexport.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first row of every name (or other key, such as a content fingerprint) seen in the file, kept as 64-bit digests in an open-addressing table (16 bytes a
 * name, the table at most half full, instead of a string and boxed map entries): a 100,000-row file costs 4 MB
 * here, where strings in a HashMap cost ~20 MB. Two different
 * names share a digest with a probability of about n²/2⁶⁵ (3·10⁻¹⁰ for 100,000 names).
 */
final class SeenNames {

    private static final long EMPTY = 0;

    private final MessageDigest sha256;
    private long[] keys = new long[1024];
    private long[] rows = new long[1024];
    private int size;

    SeenNames() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records {@code row} for {@code name} unless the name was seen; returns the earlier row, or 0. */
    long putIfAbsent(String name, long row) {
        return putIfAbsent(digest(name), row);
    }

    /** The same for a key that is a 64-bit digest already (never 0). */
    long putIfAbsent(long key, long row) {
        int slot = slot(key, keys);
        if (keys[slot] == key) {
            return rows[slot];
        }
        keys[slot] = key;
        rows[slot] = row;
        if (++size * 2 > keys.length) {
            grow();
        }
        return 0;
    }

    private long digest(String name) {
        byte[] hash = sha256.digest(name.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (hash[i] & 0xff);
        }
        return key == EMPTY ? 1 : key;
    }

    private static int slot(long key, long[] table) {
        int mask = table.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldRows.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i], keys);
                keys[slot] = oldKeys[i];
                rows[slot] = oldRows[i];
            }
        }
    }
}
