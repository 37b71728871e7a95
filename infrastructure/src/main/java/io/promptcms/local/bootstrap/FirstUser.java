package io.promptcms.local.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first API key, created on the first start with fresh data and remembered in the data dir, so every restart
 * prints the same key (a local-only convenience: on AWS a key's secret is never stored).
 */
public final class FirstUser {

    public static final String FILE = "first-api-key";

    private FirstUser() {
    }

    /** The remembered key, else a new one from {@code create} (remembered); empty when the template keeps no keys. */
    public static Optional<String> key(Path dataDir, Supplier<Optional<String>> create) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Optional.of(Files.readString(file).trim());
            }
            Optional<String> key = create.get();
            if (key.isPresent()) {
                Files.createDirectories(dataDir);
                Files.writeString(file, key.get() + System.lineSeparator());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the first API key in " + file, e);
        }
    }
}
