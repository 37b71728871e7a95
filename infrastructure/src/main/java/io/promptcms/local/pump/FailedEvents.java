package io.promptcms.local.pump;

import io.promptcms.local.function.LenientJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The local on-failure destination: what a function could not process after its retries, one JSON file per
 * give-up under {@code <data>/failed/<Function>/}, to inspect or replay by hand.
 */
public final class FailedEvents {

    private final Path root;

    public FailedEvents(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path directory(String function) {
        return root.resolve(function);
    }

    Path write(String function, String source, int attempts, String reason, Object event) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("function", function);
        record.put("source", source);
        record.put("failedAt", Instant.now().toString());
        record.put("attempts", attempts);
        record.put("reason", reason);
        record.put("event", event);
        Path file = directory(function).resolve(Instant.now().toEpochMilli() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".json");
        try {
            Files.createDirectories(file.getParent());
            LenientJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), record);
            System.err.println("[local] " + function + " gave up after " + attempts + " attempt(s); event written to " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
