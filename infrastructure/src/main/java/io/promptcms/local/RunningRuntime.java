package io.promptcms.local;

import io.promptcms.local.bootstrap.ProjectWiring;
import io.promptcms.local.engine.ChildProcess;
import io.promptcms.local.engine.Delete;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.engine.OpenSearchEngine;
import io.promptcms.local.engine.OpenSearchLayout;
import io.promptcms.local.engine.S3MockEngine;
import io.promptcms.local.function.Functions;
import io.promptcms.local.gateway.LocalGateway;
import io.promptcms.local.pump.FailedEventReplay;
import io.promptcms.local.pump.Pumps;
import io.promptcms.search.IndexComparison;
import io.promptcms.search.PromptReindexer;
import io.promptcms.search.ReindexReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started local runtime: where to reach it, a way to wait for the pumps, and {@link #close()} to stop everything. */
public final class RunningRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunningRuntime.class.getName());

    private final Options options;
    private final String bucket;
    private final Resources resources;
    private final Optional<String> apiKey;
    private final Map<String, Map<String, String>> environments;
    private final Duration startup;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** What close() stops, filled in as start-up goes, so a failed start can stop what it had started. */
    static final class Resources {
        volatile DynamoDbEngine dynamo;
        volatile String dynamoUrl;
        volatile S3MockEngine s3;
        volatile OpenSearchEngine openSearch;
        volatile Functions functions;
        volatile Pumps pumps;
        volatile LocalGateway gateway;
        volatile OpenSearchLayout openSearchLayout;
        volatile int openSearchPort;
        volatile int openSearchTransportPort;
        volatile Path openSearchLog;

        void close() {
            closeQuietly(gateway);
            closeQuietly(pumps);
            closeQuietly(functions);
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> closeQuietly(s3)),
                    CompletableFuture.runAsync(() -> closeQuietly(openSearch))).join();
            closeQuietly(dynamo);
        }

        List<ChildProcess> children() {
            List<ChildProcess> children = new ArrayList<>();
            if (dynamo != null) {
                children.add(dynamo.process());
            }
            if (s3 != null) {
                children.add(s3.process());
            }
            if (openSearch != null) {
                children.add(openSearch.process());
            }
            return children;
        }

        private static void closeQuietly(AutoCloseable closeable) {
            if (closeable == null) {
                return;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "while stopping " + closeable.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    RunningRuntime(Options options, Resources resources, Optional<String> apiKey, Map<String, Map<String, String>> environments,
                   String bucket, Duration startup) {
        this.options = options;
        this.bucket = bucket;
        this.resources = resources;
        this.apiKey = apiKey;
        this.environments = environments;
        this.startup = startup;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:3000/api/v1}. */
    public String baseUrl() {
        return gatewayUrl() + "/api/v1";
    }

    /** The gateway's root URL (local-only endpoints such as {@code /_local/schedules/<Function>} hang off it). */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + resources.gateway.port();
    }

    /** The first user's API key (empty when the template keeps no API keys). */
    public String apiKey() {
        return apiKey.orElse(null);
    }

    public String dynamoDbEndpoint() {
        return resources.dynamoUrl;
    }

    public String s3Endpoint() {
        return resources.s3.url();
    }

    public String bucket() {
        return bucket;
    }

    public Optional<String> openSearchUrl() {
        return Optional.ofNullable(resources.openSearch).map(OpenSearchEngine::url);
    }

    public Path dataDir() {
        return options.dataDir();
    }

    public Duration startup() {
        return startup;
    }

    /** Another user with an API key holding every scope (as {@code promptcms create-user} makes); the key's secret. */
    public String createUserWithKey(String keyName) {
        return ProjectWiring.createUserWithKey(environments, keyName)
                .orElseThrow(() -> new IllegalStateException("no function of the template keeps API keys"));
    }

    /** A function's resolved environment, as its constructor received it. */
    public Map<String, String> environment(String function) {
        return environments.get(function);
    }

    /** The engines running as child processes (DynamoDB, S3Mock, OpenSearch). */
    public List<ProcessHandle> childProcesses() {
        return resources.children().stream().map(ChildProcess::handle).toList();
    }

    /** Waits until the pumps have delivered everything pending (stream records, new objects, running schedules). */
    public boolean awaitIdle(Duration timeout) {
        return resources.pumps.awaitIdle(timeout);
    }

    /** Runs a function's schedule now, as {@code POST /_local/schedules/<Function>} does. */
    public boolean triggerSchedule(String function) {
        return resources.pumps.triggerSchedule(function);
    }

    /**
     * Stops the OpenSearch child process (as an outage would): writes still succeed, the stream indexer's retries
     * fail until {@link #startOpenSearch()}.
     */
    public synchronized void stopOpenSearch() {
        requireOpenSearch().close();
    }

    /** Starts OpenSearch again on the same port and data dir, and waits until it serves. */
    public synchronized void startOpenSearch() {
        if (requireOpenSearch().process().alive()) {
            return;
        }
        resources.openSearch = OpenSearchEngine.start(resources.openSearchLayout, resources.openSearchPort, resources.openSearchTransportPort,
                resources.openSearchLog);
        resources.openSearch.awaitReady(LocalRuntime.ENGINE_TIMEOUT);
    }

    private OpenSearchEngine requireOpenSearch() {
        if (resources.openSearch == null) {
            throw new IllegalStateException("this runtime runs without OpenSearch");
        }
        return resources.openSearch;
    }

    /** Re-delivers the failed events of one function ({@code <data>/failed/<Function>/}), or of every function when empty. */
    public List<FailedEventReplay.Result> replayFailed(Optional<String> function) {
        var replay = new FailedEventReplay(Pumps.failedDir(options.dataDir()));
        List<String> names = function.map(List::of).orElseGet(replay::functionsWithFailures);
        return names.stream().map(name -> replay.replay(resources.functions.require(name))).toList();
    }

    /** Rebuilds the search index from the prompts table and swaps it in (what {@code promptcms reindex} does). */
    public ReindexReport reindex() {
        return reindexer().reindex();
    }

    /** Compares the prompts table and the search index (what {@code promptcms compare-index} does). */
    public IndexComparison compareIndex() {
        return reindexer().compare();
    }

    private PromptReindexer reindexer() {
        return ProjectWiring.reindexer(environments).orElseThrow(() -> new IllegalStateException("no function of the template uses the search index"));
    }

    /** Stops the gateway and pumps, the child engines with all their descendants, and DynamoDB last (it writes its snapshot). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        resources.close();
        if (options.writeEnvFile()) {
            try {
                Files.deleteIfExists(io.promptcms.local.bootstrap.LocalEnvFile.path(options.projectDir()));
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove local.env: " + e);
            }
        }
        if (options.ephemeral()) {
            Delete.recursively(options.dataDir());
            if (resources.openSearchLayout != null) {
                resources.openSearchLayout.stateDirs().forEach(dir -> Delete.recursively(dir.getParent()));
            }
        }
    }
}
