package io.promptcms.local.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB + DynamoDB Streams from moto (Apache-2.0) as a child process on 127.0.0.1, through the project's launcher
 * ({@code dynamodb_engine.py}, shipped in this jar): atomic requests, cheap transactions, partition-indexed queries,
 * and, with a data dir, a journal that makes every acknowledged write survive {@code kill -9}.
 * <p>
 * Needs {@code python3} with moto 5.2.1 ({@code pip install 'moto[server]==5.2.1'}); the launcher exits at once with
 * that advice when it is missing or another version.
 */
public final class DynamoDbEngine implements AutoCloseable {

    static final String LAUNCHER = "dynamodb_engine.py";
    private static final String READY = "PromptCMS DynamoDB engine ready";

    private final ChildProcess process;
    private final int port;
    private Path temporaryDir;

    private DynamoDbEngine(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param dataDir where the snapshot and journal live, or null to keep everything in memory
     * @param workDir where the launcher script is written and, without a data dir, the log goes
     */
    public static DynamoDbEngine start(int port, Path dataDir, Path workDir, Path log) {
        Path launcher = extractLauncher(workDir);
        List<String> command = new ArrayList<>(List.of(python(), "-u", launcher.toString(), "--port", String.valueOf(port)));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir.toString()));
        }
        return new DynamoDbEngine(ChildProcess.start("DynamoDB (moto)", command, workDir, Map.of(), log), port);
    }

    /** An in-memory engine on a free port, its launcher and log in a temporary folder deleted on close. */
    public static DynamoDbEngine startInMemory() {
        try {
            Path work = Files.createTempDirectory("promptcms-dynamodb-");
            DynamoDbEngine engine = start(Ports.free(), null, work, work.resolve("dynamodb.log"));
            engine.temporaryDir = work;
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    /** Waits for the ready line; a restore of a large data dir is part of the wait. */
    public void awaitReady(Duration timeout) {
        Readiness.await("DynamoDB (moto)", timeout, process, () -> process.logContains(READY));
    }

    /** Drops every table (moto's reset): a clean engine for the next test class without a new process. */
    public void reset() {
        reset(url());
    }

    /** moto's reset of the engine at {@code url}: every table of every account and region is gone. */
    public static void reset(String url) {
        Readiness.post(url + "/moto-api/reset", HttpRequest.BodyPublishers.noBody());
    }

    /** SIGTERM: the launcher writes its snapshot (seconds at 100k items) before it exits, so it gets a minute. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(60));
        if (temporaryDir != null) {
            Delete.recursively(temporaryDir);
        }
    }

    /** The python3 that runs moto: {@code PROMPTCMS_PYTHON} (the start script sets it to one that has moto 5.2.1), else python3. */
    public static String python() {
        return System.getenv().getOrDefault("PROMPTCMS_PYTHON", "python3");
    }

    static Path extractLauncher(Path workDir) {
        try (InputStream in = DynamoDbEngine.class.getResourceAsStream("/io/promptcms/engines/dynamodb/" + LAUNCHER)) {
            if (in == null) {
                throw new IllegalStateException(LAUNCHER + " is missing from the classpath");
            }
            Files.createDirectories(workDir);
            Path target = workDir.resolve(LAUNCHER);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the DynamoDB launcher into " + workDir, e);
        }
    }
}
