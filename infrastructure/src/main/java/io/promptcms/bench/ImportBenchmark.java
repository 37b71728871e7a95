package io.promptcms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.Ids;
import io.promptcms.common.Json;
import io.promptcms.local.LocalRuntime;
import io.promptcms.local.Options;
import io.promptcms.local.RunningRuntime;
import io.promptcms.prompt.PromptItem;
import io.promptcms.prompt.PromptVersionSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import benchmark, in one run against a fresh local runtime (DynamoDB Local, S3Mock, OpenSearch, pumps):
 * <ol>
 *   <li>N generated ~1 KB prompts as a CSV dropped into {@code imports/<user>/}: time from the put to the finished
 *       job (the S3 pump's ≤ 1 s poll included), then the time until the indexer has caught up;</li>
 *   <li>the same N items (prompt + first version) written by a bare BatchWriteItem loop with the same 4 writers;</li>
 *   <li>peak heap (heap pools' peak usage, reset before each import; the runtime shares the JVM, so this is an
 *       upper bound) for N/10 and N rows;</li>
 *   <li>1,000 prompts created one by one through {@code POST /prompts}.</li>
 * </ol>
 * Usage: {@code infrastructure/bin/promptcms bench-import [rows]} (default 20,000).
 */
public final class ImportBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITERS = 4;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path project = Path.of(System.getProperty("promptcms.project", ".")).toAbsolutePath();
        try (RunningRuntime runtime = LocalRuntime.start(Options.forTests(project))) {
            var env = Env.of(Map.of(AwsClients.S3_ENDPOINT, runtime.s3Endpoint(), AwsClients.DYNAMODB_ENDPOINT, runtime.dynamoDbEndpoint()));
            var aws = new AwsClients(env);
            S3Client s3 = aws.s3();
            DynamoDbClient dynamo = aws.dynamoDb();
            String key = runtime.createUserWithKey("bench");
            String userId = get(runtime, key, "/me").get("userId").asText();

            long small = importRun(runtime, s3, key, userId, rows / 10, "warm-up-and-small");
            long smallPeak = peakHeapMb();
            double pipelineSeconds = importSeconds(runtime, s3, key, userId, rows);
            long bigPeak = peakHeapMb();
            long indexStart = System.nanoTime();
            runtime.awaitIdle(Duration.ofMinutes(10));
            double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

            double bareSeconds = bareLoop(runtime, dynamo, rows);
            double oneByOne = oneByOne(runtime, key, 1_000);

            System.out.printf("rows=%d%n", rows);
            System.out.printf("pipeline (S3 drop → job finished): %.1f s, %.0f prompts/s%n", pipelineSeconds, rows / pipelineSeconds);
            System.out.printf("bare BatchWriteItem loop (%d writers): %.1f s, %.0f prompts/s%n", WRITERS, bareSeconds, rows / bareSeconds);
            System.out.printf("ratio pipeline/bare: %.2f%n", bareSeconds / pipelineSeconds);
            System.out.printf("index catch-up after the job finished: %.1f s%n", indexSeconds);
            System.out.printf("peak heap: %d MB for %d rows (%d ms), %d MB for %d rows (runtime in the same JVM)%n", smallPeak, rows / 10, small, bigPeak, rows);
            System.out.printf("1,000 prompts one by one via POST /prompts: %.1f s (%.0f prompts/s)%n", oneByOne, 1000 / oneByOne);
        }
    }

    private static long importRun(RunningRuntime runtime, S3Client s3, String key, String userId, int rows, String name) throws Exception {
        return Math.round(importSeconds(runtime, s3, key, userId, rows) * 1000);
    }

    private static double importSeconds(RunningRuntime runtime, S3Client s3, String key, String userId, int rows) throws Exception {
        Path file = Files.createTempFile("bench", ".csv");
        String fileName = "bench-" + rows + "-" + System.nanoTime() + ".csv";
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name,content,tags,model\n");
            String filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(17);
            for (int i = 0; i < rows; i++) {
                out.write(fileName + " prompt " + i + ",\"Summarise {{text}} for prompt " + i + ". " + filler + "\",bench|generated,gpt-4o\n");
            }
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        s3.putObject(b -> b.bucket(runtime.bucket()).key("imports/" + userId + "/" + fileName), RequestBody.fromFile(file));
        while (true) {
            for (JsonNode job : get(runtime, key, "/imports?limit=10").get("items")) {
                if (fileName.equals(job.at("/source/fileName").asText()) && !job.get("state").asText().matches("queued|running")) {
                    Files.delete(file);
                    if (job.get("created").asInt() != rows) {
                        throw new IllegalStateException("import created " + job.get("created") + " of " + rows + ": " + job);
                    }
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            Thread.sleep(200);
        }
    }

    /** The same item shapes the pipeline writes, straight into the same tables with the same parallelism. */
    private static double bareLoop(RunningRuntime runtime, DynamoDbClient dynamo, int rows) throws Exception {
        String prompts = runtime.environment("ImportFunction").get("PROMPTS_TABLE");
        String versions = runtime.environment("ImportFunction").get("PROMPT_VERSIONS_TABLE");
        String owner = "usr_bare" + System.nanoTime();
        String filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(17);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        long start = System.nanoTime();
        List<Future<?>> writes = new ArrayList<>();
        for (int from = 0; from < rows; from += 12) {
            int first = from;
            writes.add(pool.submit(() -> {
                List<WriteRequest> p = new ArrayList<>();
                List<WriteRequest> v = new ArrayList<>();
                for (int i = first; i < Math.min(rows, first + 12); i++) {
                    PromptItem item = new PromptItem();
                    item.setId(Ids.newId("prm"));
                    item.setOwnerId(owner);
                    item.setOwnerSort("2025-01-01T00:00:00.000Z#" + item.getId());
                    item.setName("bare " + i);
                    item.setContent("Summarise {{text}} for prompt " + i + ". " + filler);
                    item.setTags(List.of("bench", "generated"));
                    item.setModel("gpt-4o");
                    item.setVersion(1L);
                    item.setRevision(1L);
                    p.add(WriteRequest.builder().putRequest(r -> r.item(PromptItem.SCHEMA.itemToMap(item, true))).build());
                    v.add(WriteRequest.builder().putRequest(r -> r.item(PromptVersionSchema.SCHEMA.itemToMap(item, true))).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(prompts, p, versions, v);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double oneByOne(RunningRuntime runtime, String key, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/prompts"))
                    .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", "one by one " + i, "content", "Hello {{name}} " + i))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /prompts answered " + response.statusCode() + ": " + response.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }

    private static JsonNode get(RunningRuntime runtime, String key, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }
}
