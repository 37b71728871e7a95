package io.promptcms.local.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engines of one JVM that many users share (test classes, benchmarks): started on first use, stopped with
 * their process trees when the JVM exits. Each test class starts from a clean DynamoDB by {@link DynamoDbEngine#reset()}.
 */
public final class SharedEngines {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static DynamoDbEngine dynamoDb;
    private static OpenSearchEngine openSearch;

    private SharedEngines() {
    }

    public static synchronized DynamoDbEngine dynamoDb() {
        if (dynamoDb == null) {
            DynamoDbEngine engine = DynamoDbEngine.startInMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-stop"));
            engine.awaitReady(STARTUP);
            dynamoDb = engine;
        }
        return dynamoDb;
    }

    /** A single-node OpenSearch with fresh data (deleted at exit), from the zip this module's build fetched. */
    public static synchronized String openSearchUrl() {
        if (openSearch == null) {
            try {
                Path data = Files.createTempDirectory("promptcms-opensearch-");
                OpenSearchLayout layout = OpenSearchLayout.of(EngineFiles.projectDir(), data);
                OpenSearchEngine engine = OpenSearchEngine.start(layout, Ports.free(), Ports.free(), data.resolve("opensearch.log"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    engine.close();
                    layout.stateDirs().forEach(Delete::recursively);
                    Delete.recursively(data);
                }, "opensearch-stop"));
                engine.awaitReady(STARTUP);
                openSearch = engine;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare OpenSearch", e);
            }
        }
        return openSearch.url();
    }
}
