package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.local.function.LenientJson;
import io.promptcms.local.function.LocalFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Re-delivers what a function gave up on ({@code <data>/failed/<Function>/*.json}, oldest first) to the function, and
 * removes each file once the function took it: no exception and, for a stream batch, no {@code batchItemFailures}.
 * A file that fails again stays for the next replay. Safe to repeat: every consumer is idempotent (the indexer's
 * writes carry external versions, imports are keyed by object and ETag).
 */
public final class FailedEventReplay {

    private static final String S3_SOURCE = "s3://";

    /** What one replay did: files re-delivered (and removed), and those that failed again with why. */
    public record Result(String function, int replayed, List<String> stillFailing) {
    }

    private final FailedEvents failed;

    public FailedEventReplay(Path failedRoot) {
        this.failed = new FailedEvents(failedRoot);
    }

    public Path root() {
        return failed.root();
    }

    /** The functions that have failed events waiting. */
    public List<String> functionsWithFailures() {
        Path root = failed.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).filter(dir -> !files(dir).isEmpty()).map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public Result replay(LocalFunction function) {
        int replayed = 0;
        List<String> stillFailing = new ArrayList<>();
        for (Path file : files(failed.directory(function.name()))) {
            try {
                Object response = function.invoke(event(file));
                Object failures = LenientJson.toMap(response).get("batchItemFailures");
                if (failures instanceof List<?> list && !list.isEmpty()) {
                    stillFailing.add(file.getFileName() + ": batchItemFailures " + list);
                    continue;
                }
                Files.delete(file);
                replayed++;
            } catch (RuntimeException | IOException e) {
                stillFailing.add(file.getFileName() + ": " + e);
            }
        }
        return new Result(function.name(), replayed, stillFailing);
    }

    /** The event as the function received it: a stream batch as is, a bucket notification rebuilt from the object it named. */
    private static Object event(Path file) throws IOException {
        JsonNode record = LenientJson.MAPPER.readTree(file.toFile());
        JsonNode event = record.path("event");
        if (record.path("source").asText().startsWith(S3_SOURCE)) {
            return S3Events.objectCreated("replay", event.path("bucket").asText(), event.path("key").asText(), event.path("size").asLong(),
                    event.path("eTag").asText(), Instant.now(), System.currentTimeMillis());
        }
        return LenientJson.MAPPER.treeToValue(event, DynamodbEvent.class);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // named <epoch millis>-<random>.json: name order is failure order
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
