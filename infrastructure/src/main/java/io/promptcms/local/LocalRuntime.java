package io.promptcms.local;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.local.bootstrap.BucketBootstrap;
import io.promptcms.local.bootstrap.FirstUser;
import io.promptcms.local.bootstrap.LocalEnvFile;
import io.promptcms.local.bootstrap.ProjectWiring;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.engine.Delete;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.engine.EngineFiles;
import io.promptcms.local.engine.OpenSearchEngine;
import io.promptcms.local.engine.OpenSearchLayout;
import io.promptcms.local.engine.Ports;
import io.promptcms.local.engine.S3MockEngine;
import io.promptcms.local.function.Functions;
import io.promptcms.local.gateway.LocalGateway;
import io.promptcms.local.pump.FailedEventReplay;
import io.promptcms.local.pump.Pumps;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.search.PromptReindexer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The Docker-free local runtime: DynamoDB (moto) in-process, S3Mock and OpenSearch as child processes (started in
 * parallel), the tables, bucket and index the template declares, the template's functions in-process behind a
 * local API Gateway, and pumps for stream, S3 and schedule events.
 * <pre>
 *   LocalRuntime start [--port N] [--fresh] [--data-dir DIR] [--project-dir DIR]
 *   LocalRuntime create-user --name NAME [--project-dir DIR]
 *   LocalRuntime reindex | compare-index [--project-dir DIR]
 *   LocalRuntime replay-failed [--function NAME] [--project-dir DIR]
 * </pre>
 * Tests use {@link #start(Options)}.
 */
public final class LocalRuntime {

    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(180);

    private LocalRuntime() {
    }

    public static RunningRuntime start(Options options) {
        Instant begin = Instant.now();
        Template template = TemplateReader.read(options.template());
        if (options.fresh()) {
            Delete.recursively(options.dataDir());
        }
        String externalDynamo = System.getenv(LocalEnvFile.DYNAMODB_ENDPOINT);
        boolean ownDynamo = externalDynamo == null || externalDynamo.isBlank();
        int dynamoPort = Ports.free();
        int s3Port = Ports.free();
        int openSearchPort = Ports.free();
        String dynamoUrl = ownDynamo ? "http://127.0.0.1:" + dynamoPort : externalDynamo;
        String s3Url = "http://127.0.0.1:" + s3Port;
        String openSearchUrl = "http://127.0.0.1:" + openSearchPort;
        LocalValues values = new LocalValues(template, openSearchUrl);
        Map<String, String> endpoints = Map.of(EnvNames.AWS_REGION, LocalValues.REGION,
                EnvNames.AWS_ENDPOINT_URL_DYNAMODB, dynamoUrl, EnvNames.AWS_ENDPOINT_URL_S3, s3Url);
        Map<String, Map<String, String>> environments = environments(template, values, endpoints);
        AwsClients aws = new AwsClients(Env.of(endpoints));
        Path data = options.dataDir();
        Path logs = data.resolve("logs");

        RunningRuntime.Resources resources = new RunningRuntime.Resources();
        try {
            resources.dynamoUrl = dynamoUrl;
            CompletableFuture<Void> dynamo = CompletableFuture.runAsync(() -> {
                if (ownDynamo) {
                    warnAboutDynamoDbLocalData(data.resolve("dynamodb"));
                    resources.dynamo = DynamoDbEngine.start(dynamoPort, options.ephemeral() ? null : data.resolve("dynamodb"),
                            data.resolve("engines"), logs.resolve("dynamodb.log"));
                    resources.dynamo.awaitReady(ENGINE_TIMEOUT);
                }
                new TableBootstrap(template, values).createMissing(aws.dynamoDb());
            });
            CompletableFuture<Void> s3 = CompletableFuture.runAsync(() -> {
                resources.s3 = S3MockEngine.start(EngineFiles.s3MockJar(options.projectDir()),
                        s3Port, Ports.free(), data.resolve("s3"), logs.resolve("s3mock.log"));
                resources.s3.awaitReady(ENGINE_TIMEOUT);
                BucketBootstrap.createIfMissing(aws.s3(), values.bucketName());
            });
            CompletableFuture<Void> openSearch = !options.openSearch() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> {
                OpenSearchLayout layout = OpenSearchLayout.of(options.projectDir(), data);
                resources.openSearchLayout = layout;
                resources.openSearchPort = openSearchPort;
                resources.openSearchTransportPort = Ports.free();
                resources.openSearchLog = logs.resolve("opensearch.log");
                if (options.fresh()) {
                    layout.stateDirs().forEach(Delete::recursively);
                }
                resources.openSearch = OpenSearchEngine.start(layout, openSearchPort, resources.openSearchTransportPort, resources.openSearchLog);
                resources.openSearch.awaitReady(ENGINE_TIMEOUT);
            });
            CompletableFuture.allOf(dynamo, s3, openSearch).join();
            if (options.openSearch()) {
                ProjectWiring.ensureSearchIndex(environments);
            }

            resources.functions = new Functions(template.functions(), environments);
            Optional<String> apiKey = FirstUser.key(data, () -> ProjectWiring.createUserWithKey(environments, "local bootstrap"));
            resources.pumps = new Pumps(template, values, resources.functions, aws.dynamoDb(), aws.dynamoDbStreams(), aws.s3(), data);
            resources.pumps.start();
            resources.gateway = gateway(template, resources, options.port());
            RunningRuntime runtime = new RunningRuntime(options, resources, apiKey, environments, values.bucketName(), Duration.between(begin, Instant.now()));
            if (options.writeEnvFile()) {
                writeEnvFile(options, runtime);
            }
            return runtime;
        } catch (RuntimeException e) {
            resources.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** A data dir from before the engine change holds DynamoDB Local's file, which moto cannot read: say so, once per start. */
    private static void warnAboutDynamoDbLocalData(Path dynamoDir) {
        if (Files.exists(dynamoDir.resolve("shared-local-instance.db"))) {
            System.err.println("[local] " + dynamoDir.resolve("shared-local-instance.db") + " is DynamoDB Local's data, which the open-source"
                    + " engine does not read: its prompts are not served. Export them with the previous version, or start with --fresh.");
        }
    }

    /** Each function's environment: Globals + its own variables, resolved, plus the region and the local engine endpoints. */
    private static Map<String, Map<String, String>> environments(Template template, LocalValues values, Map<String, String> endpoints) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (FunctionSpec function : template.functions()) {
            Map<String, String> env = new LinkedHashMap<>(values.environment(function));
            env.putAll(endpoints);
            environments.put(function.logicalId(), Map.copyOf(env));
        }
        return environments;
    }

    private static LocalGateway gateway(Template template, RunningRuntime.Resources resources, int port) {
        try {
            return new LocalGateway(template, resources.functions, resources.pumps::triggerSchedule, port);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " is in use (is another runtime running?); choose one with --port N", e);
        } catch (IOException e) {
            throw new IllegalStateException("the local gateway cannot listen on port " + port, e);
        }
    }

    private static void writeEnvFile(Options options, RunningRuntime runtime) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(LocalEnvFile.URL, runtime.baseUrl());
        values.put(LocalEnvFile.API_KEY, runtime.apiKey() == null ? "" : runtime.apiKey());
        values.put(LocalEnvFile.S3_ENDPOINT, runtime.s3Endpoint());
        values.put(LocalEnvFile.BUCKET, runtime.bucket());
        values.put(LocalEnvFile.DYNAMODB_ENDPOINT, runtime.dynamoDbEndpoint());
        runtime.openSearchUrl().ifPresent(url -> values.put(LocalEnvFile.OPENSEARCH_URL, url));
        values.put(LocalEnvFile.DATA_DIR, runtime.dataDir().toString());
        values.put(EnvNames.AWS_REGION, LocalValues.REGION);
        values.put("AWS_ACCESS_KEY_ID", "local");
        values.put("AWS_SECRET_ACCESS_KEY", "local");
        LocalEnvFile.write(LocalEnvFile.path(options.projectDir()), values);
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
            switch (command.verb()) {
                case "start" -> runUntilStopped(command.startOptions());
                case "create-user" -> System.out.println(createUser(command.projectDir(), command.require("--name")));
                case "reindex" -> System.out.println(pretty(reindexer(command.projectDir()).reindex()));
                case "compare-index" -> System.out.println(pretty(reindexer(command.projectDir()).compare()));
                case "replay-failed" -> replayFailed(command.projectDir(), Optional.ofNullable(command.flags().get("--function")));
                default -> throw new IllegalArgumentException(CommandLine.USAGE);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("promptcms: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void runUntilStopped(Options options) throws InterruptedException {
        System.out.println("Starting PromptCMS locally (data " + options.dataDir() + (options.fresh() ? ", fresh" : "") + ") …");
        RunningRuntime runtime;
        try {
            runtime = start(options);
        } catch (RuntimeException e) {
            System.err.println("PromptCMS failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping PromptCMS …");
            runtime.close();
            System.out.println("PromptCMS stopped.");
        }, "promptcms-shutdown"));
        System.out.println("  DynamoDB   " + runtime.dynamoDbEndpoint());
        System.out.println("  S3         " + runtime.s3Endpoint() + "  (bucket " + runtime.bucket() + ")");
        runtime.openSearchUrl().ifPresent(url -> System.out.println("  OpenSearch " + url));
        System.out.println("  Logs       " + options.dataDir().resolve("logs"));
        System.out.println("  Schedules  POST " + runtime.gatewayUrl() + LocalGateway.SCHEDULE_TRIGGER_PREFIX + "<FunctionLogicalId>");
        if (options.writeEnvFile()) {
            System.out.println("  Env file   " + LocalEnvFile.path(options.projectDir()) + "  (source it for scripts and the aws CLI)");
        }
        System.out.println(String.format(Locale.ROOT, "started in %.1f s", runtime.startup().toMillis() / 1000.0));
        System.out.println("PromptCMS ready: url=" + runtime.baseUrl() + " key=" + (runtime.apiKey() == null ? "" : runtime.apiKey()));
        new CountDownLatch(1).await();
    }

    /** Creates a user and key in the running runtime's DynamoDB (its endpoint from .promptcms/local.env); returns the key. */
    static String createUser(Path projectDir, String name) {
        Running running = running(projectDir);
        try {
            return ProjectWiring.createUserWithKey(running.environments(), name)
                    .orElseThrow(() -> new IllegalStateException("the template declares no API keys table"));
        } catch (SdkClientException e) {
            throw running.unreachable(e);
        }
    }

    /** The reindexer of the running runtime (its engines from .promptcms/local.env). */
    static PromptReindexer reindexer(Path projectDir) {
        return ProjectWiring.reindexer(running(projectDir).environments())
                .orElseThrow(() -> new IllegalStateException("no function of the template uses the search index"));
    }

    /**
     * Re-delivers the running runtime's failed events to their function, built here against the runtime's engines as
     * the runtime builds it; a file is removed once its function took it. Exits 1 when some still fail.
     */
    static void replayFailed(Path projectDir, Optional<String> function) {
        Running running = running(projectDir);
        Path data = Path.of(running.values().getOrDefault(LocalEnvFile.DATA_DIR, projectDir.resolve(".promptcms/data").toString()));
        var replay = new FailedEventReplay(Pumps.failedDir(data));
        List<String> names = function.map(List::of).orElseGet(replay::functionsWithFailures);
        List<FunctionSpec> specs = running.template().functions().stream().filter(spec -> names.contains(spec.logicalId())).toList();
        if (specs.size() < names.size()) {
            throw new IllegalArgumentException("no function " + names + " in the template");
        }
        boolean clean = true;
        try (Functions functions = new Functions(specs, running.environments())) {
            for (String name : names) {
                FailedEventReplay.Result result = replay.replay(functions.require(name));
                System.out.println(name + ": " + result.replayed() + " replayed, " + result.stillFailing().size() + " still failing");
                result.stillFailing().forEach(failure -> System.out.println("  " + failure));
                clean &= result.stillFailing().isEmpty();
            }
        }
        if (names.isEmpty()) {
            System.out.println("no failed events under " + replay.root());
        }
        if (!clean) {
            System.exit(1);
        }
    }

    private static String pretty(Object report) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + report, e);
        }
    }

    /** The running runtime as .promptcms/local.env describes it: its values and each function's environment against its engines. */
    private record Running(Map<String, String> values, Template template, Map<String, Map<String, String>> environments) {

        IllegalStateException unreachable(RuntimeException e) {
            return new IllegalStateException("cannot reach the runtime's DynamoDB at " + values.get(LocalEnvFile.DYNAMODB_ENDPOINT)
                    + "; is 'promptcms start' running?", e);
        }
    }

    private static Running running(Path projectDir) {
        Map<String, String> running = LocalEnvFile.read(LocalEnvFile.path(projectDir));
        Template template = TemplateReader.read(projectDir.resolve("template.yaml"));
        LocalValues values = new LocalValues(template, running.getOrDefault(LocalEnvFile.OPENSEARCH_URL, ""));
        Map<String, String> endpoints = Map.of(EnvNames.AWS_REGION, LocalValues.REGION,
                EnvNames.AWS_ENDPOINT_URL_DYNAMODB, running.get(LocalEnvFile.DYNAMODB_ENDPOINT),
                EnvNames.AWS_ENDPOINT_URL_S3, running.get(LocalEnvFile.S3_ENDPOINT));
        return new Running(running, template, environments(template, values, endpoints));
    }
}
