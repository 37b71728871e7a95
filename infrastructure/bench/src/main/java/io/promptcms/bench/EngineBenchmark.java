package io.promptcms.bench;

import io.promptcms.local.engine.ChildProcess;
import io.promptcms.local.engine.Delete;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.engine.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB engine at 100,000 items of ~1 KB: the project's launcher against plain moto (the same moto, unpatched,
 * {@code python3 -m moto.server}) in one run, with the same SDK clients and workload, printed side by side with the
 * figures the recipe sheet recorded for DynamoDB Local and plain moto (boto3, earlier runs).
 * <ul>
 *   <li>load: BatchWriteItem, {@value #WRITERS} writers, into a table with a stream and a GSI (100 owners);</li>
 *   <li>Query p50/p95 by partition (10 versions of one prompt) and by GSI (an owner's 50 newest of 1,000);</li>
 *   <li>TransactWriteItems p50/p95 (a Put and an ADD, as a prompt create with its counter);</li>
 *   <li>the engine's RSS after all that; restart time with the data kept: after a clean stop (snapshot) and after
 *       kill -9 (journal replay) — the launcher only, plain moto keeps nothing.</li>
 * </ul>
 * Plain moto sorts the whole table per Query and deep-copies it per transaction, so it gets fewer samples
 * ({@value #PLAIN_SAMPLES}); a sample count is printed with every figure.
 * Usage: {@code infrastructure/bin/promptcms bench-engine [ITEMS]} (default 100,000).
 */
public final class EngineBenchmark {

    private static final int WRITERS = 4;
    private static final int OWNERS = 100;
    private static final int VERSIONS = 10;
    private static final int SAMPLES = 300;
    private static final int PLAIN_SAMPLES = 5;
    private static final String TABLE = "Bench";
    private static final String PAD = "x".repeat(850);

    /** The recipe sheet's figures at 100k ~1 KB items (boto3 client, 2 cores), for the side-by-side print. */
    private static final Map<String, String> RECIPE_SHEET = Map.of(
            "DynamoDB Local", "BatchWrite 4 threads 1,707 items/s · Query p95 9–17 ms · TransactWriteItems p50 16 ms · RSS 756 MB",
            "plain moto", "BatchWrite 4 threads 1,818 items/s · Query p95 1.9–2.6 s · TransactWriteItems p50 31.8 s · RSS 695 MB (5.5 GB with transactions)");

    record Figures(double loadItemsPerSecond, Latency base, Latency gsi, Latency transact, long rssMb) {
    }

    record Latency(double p50, double p95, int samples) {
        @Override
        public String toString() {
            return String.format("p50 %.1f ms, p95 %.1f ms (%d samples)", p50, p95, samples);
        }
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Files.createTempDirectory("promptcms-bench-engine-");
        try {
            System.out.printf("%,d items of ~1 KB, %d writers, %d owners, %d versions per prompt%n", items, WRITERS, OWNERS, VERSIONS);
            Map<String, Figures> figures = new LinkedHashMap<>();
            Path data = work.resolve("data");
            DynamoDbEngine launcher = DynamoDbEngine.start(Ports.free(), data, work.resolve("launcher"), work.resolve("launcher.log"));
            launcher.awaitReady(Duration.ofSeconds(60));
            figures.put("launcher", run(launcher.url(), launcher.process(), items, SAMPLES));
            print("launcher", figures.get("launcher"));
            double cleanRestart = restartSeconds(launcher, data, work, false);
            double crashRestart = restartSeconds(null, data, work, true);

            int plainPort = Ports.free();
            try (ChildProcess plain = ChildProcess.start("plain moto", List.of(DynamoDbEngine.python(), "-m", "moto.server", "-H", "127.0.0.1", "-p",
                    String.valueOf(plainPort)), work, Map.of(), work.resolve("plain.log"))) {
                String url = "http://127.0.0.1:" + plainPort;
                awaitListening(url);
                figures.put("plain moto", run(url, plain, items, PLAIN_SAMPLES));
                print("plain moto", figures.get("plain moto"));
            }

            System.out.println();
            System.out.printf("launcher    restart with %,d items kept: %.1f s after a clean stop (snapshot), %.1f s after kill -9 (journal replay)%n",
                    items, cleanRestart, crashRestart);
            Figures ours = figures.get("launcher");
            Figures plain = figures.get("plain moto");
            System.out.printf("ratios plain/launcher: Query by partition p95 %.0fx, by GSI p95 %.0fx, TransactWriteItems p95 %.0fx; load launcher/plain %.2f%n",
                    plain.base().p95() / ours.base().p95(), plain.gsi().p95() / ours.gsi().p95(),
                    plain.transact().p95() / ours.transact().p95(), ours.loadItemsPerSecond() / plain.loadItemsPerSecond());
            RECIPE_SHEET.forEach((engine, line) -> System.out.printf("earlier (recipe sheet) %s: %s%n", engine, line));
        } finally {
            Delete.recursively(work);
        }
    }

    private static void print(String engine, Figures f) {
        System.out.printf("%-11s load %,.0f items/s%n", engine, f.loadItemsPerSecond());
        System.out.printf("%-11s Query by partition %s%n", "", f.base());
        System.out.printf("%-11s Query by GSI       %s%n", "", f.gsi());
        System.out.printf("%-11s TransactWriteItems %s%n", "", f.transact());
        System.out.printf("%-11s RSS %,d MB%n", "", f.rssMb());
    }

    /** The functions' client settings would time out on plain moto's 30 s transactions: minutes, and no retries. */
    private static DynamoDbClient patientClient(String url) {
        return DynamoDbClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).maxConnections(WRITERS * 2))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static Figures run(String url, ChildProcess engine, int items, int samples) throws Exception {
        DynamoDbClient dynamo = patientClient(url);
        createTable(dynamo);
        double load = load(dynamo, items);
        int prompts = items / VERSIONS;
        Latency base = measure(samples, i -> dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(promptId(ThreadLocalRandom.current().nextInt(prompts)))))));
        Latency gsi = measure(samples, i -> dynamo.query(r -> r.tableName(TABLE).indexName("byOwner").keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("owner-" + ThreadLocalRandom.current().nextInt(OWNERS))))
                .scanIndexForward(false).limit(50)));
        Latency transact = measure(samples, i -> dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("tx-" + i + "-" + System.nanoTime(), 1))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(Map.of("pk", s("counter"), "sk", n(0)))
                        .updateExpression("ADD created :one").expressionAttributeValues(Map.of(":one", n(1)))).build())));
        return new Figures(load, base, gsi, transact, rssMb(engine.handle().pid()));
    }

    private static void createTable(DynamoDbClient dynamo) {
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("owner", ScalarAttributeType.S), attribute("updatedAt", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byOwner")
                        .keySchema(key("owner", KeyType.HASH), key("updatedAt", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** BatchWriteItem of {@code items}, 25 per call, {@value #WRITERS} writers; unprocessed items are sent again. */
    private static double load(DynamoDbClient dynamo, int items) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long start = System.nanoTime();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int from = writer * 25; from < items; from += WRITERS * 25) {
                    List<WriteRequest> batch = IntStream.range(from, Math.min(from + 25, items))
                            .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(item(promptId(i / VERSIONS), i % VERSIONS))).build())
                            .toList();
                    Map<String, List<WriteRequest>> pending = Map.of(TABLE, batch);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> sent = pending;
                        pending = dynamo.batchWriteItem(r -> r.requestItems(sent)).unprocessedItems();
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        return items / ((System.nanoTime() - start) / 1e9);
    }

    private static Latency measure(int samples, IntConsumer call) {
        for (int i = 0; i < Math.max(1, samples / 10); i++) {
            call.accept(-1 - i); // warm-up
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            call.accept(i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        return new Latency(millis[samples / 2], millis[(int) Math.ceil(samples * 0.95) - 1], samples);
    }

    /** Stops (cleanly, or with kill -9 of a fresh engine that had the data) and times the next start to ready. */
    private static double restartSeconds(DynamoDbEngine running, Path data, Path work, boolean crash) {
        if (crash) {
            DynamoDbEngine victim = DynamoDbEngine.start(Ports.free(), data, work.resolve("launcher"), work.resolve("launcher.log"));
            victim.awaitReady(Duration.ofMinutes(5));
            DynamoDbClient dynamo = patientClient(victim.url());
            // writes after the snapshot live only in the journal: a thousand prompt versions, then kill -9
            for (int from = 0; from < 1_000; from += 25) {
                int first = from;
                dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, IntStream.range(first, first + 25)
                        .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(item("after-crash", i))).build()).toList())));
            }
            victim.process().handle().destroyForcibly();
            victim.process().handle().onExit().join();
        } else {
            running.close();
        }
        long start = System.nanoTime();
        try (DynamoDbEngine restarted = DynamoDbEngine.start(Ports.free(), data, work.resolve("launcher"), work.resolve("launcher.log"))) {
            restarted.awaitReady(Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (crash) {
                DynamoDbClient dynamo = patientClient(restarted.url());
                int kept = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("after-crash")))).count();
                System.out.printf("after kill -9: %d of 1,000 journalled writes kept%n", kept);
            }
            return seconds;
        }
    }

    private static void awaitListening(String url) throws InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/moto-api/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("plain moto did not start at " + url);
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static Map<String, AttributeValue> item(String prompt, int version) {
        Map<String, AttributeValue> item = new HashMap<>();
        int number = Math.abs(prompt.hashCode());
        item.put("pk", s(prompt));
        item.put("sk", n(version));
        item.put("owner", s("owner-" + number % OWNERS));
        item.put("updatedAt", s(String.format("2026-12-%02dT%09d", 1 + number % 28, number)));
        item.put("name", s("Prompt " + prompt));
        item.put("content", s(PAD));
        return item;
    }

    private static String promptId(int i) {
        return String.format("prm_%08d", i);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
