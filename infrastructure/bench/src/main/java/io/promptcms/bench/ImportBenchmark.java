package io.promptcms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.local.LocalRuntime;
import io.promptcms.local.Options;
import io.promptcms.local.RunningRuntime;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import benchmark, in one run against a fresh local runtime (DynamoDB (moto), S3Mock, OpenSearch, pumps) in this
 * JVM, with every client measured in a child JVM of its own ({@link ImportProbe}: heap {@value #CHILD_HEAP}, the
 * serial collector as on Lambda), so the heap figures are the import's alone:
 * <ol>
 *   <li>a CSV of N/10 and one of N generated ~1 KB prompts, put into a side bucket's {@code imports/<user>/} (which
 *       the runtime's S3 pump does not watch), each imported by a fresh {@code ImportFunction} invoked with the
 *       object's S3 event: time of the invocation (no pump poll in it) and heap after GC;</li>
 *   <li>the same N items (prompt + first version, built by the same code) written by a bare BatchWriteItem loop with
 *       the same {@value #WRITERS} writers from a fresh JVM, once before and once after the big import (the engines
 *       warm up and their tables grow during a run: the mean of both is fair to both); a bare run of N/10 first warms
 *       the engines as the small import does;</li>
 *   <li>the index catch-up after the big import, and 1,000 prompts created one by one through {@code POST /prompts}.</li>
 * </ol>
 * The indexer runs during both measurements (it follows the prompts table's stream): the runtime is made idle
 * before each. Usage: {@code infrastructure/bin/promptcms bench-import [rows]} (default 20,000).
 */
public final class ImportBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITERS = 4;
    private static final String CHILD_HEAP = "-Xmx96m";
    private static final String SIDE_BUCKET = "bench-drop";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path project = Path.of(System.getProperty("promptcms.project", ".")).toAbsolutePath();
        try (RunningRuntime runtime = LocalRuntime.start(Options.forTests(project))) {
            var env = Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_S3, runtime.s3Endpoint(),
                    EnvNames.AWS_ENDPOINT_URL_DYNAMODB, runtime.dynamoDbEndpoint()));
            S3Client s3 = new AwsClients(env).s3();
            s3.createBucket(b -> b.bucket(SIDE_BUCKET));
            String key = runtime.createUserWithKey("bench");
            String userId = get(runtime, key, "/me").get("userId").asText();
            Map<String, String> functionEnv = runtime.environment("ImportFunction");

            JsonNode small = importRun(runtime, s3, functionEnv, key, userId, rows / 10);
            bare(runtime, functionEnv, rows / 10); // warms the engines for the bare loop as the small import did for the pipeline
            double bareBefore = bare(runtime, functionEnv, rows);
            JsonNode big = importRun(runtime, s3, functionEnv, key, userId, rows);
            long indexStart = System.nanoTime();
            runtime.awaitIdle(Duration.ofMinutes(10));
            double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
            double bareAfter = bare(runtime, functionEnv, rows);
            runtime.awaitIdle(Duration.ofMinutes(10));
            double oneByOne = oneByOne(runtime, key, 1_000);

            double pipelineSeconds = big.get("invokeMillis").asLong() / 1e3;
            double bareSeconds = (bareBefore + bareAfter) / 2;
            System.out.printf("rows=%d (client JVMs: %s, serial GC; engines in the parent JVM)%n", rows, CHILD_HEAP);
            System.out.printf("pipeline (ImportFunction invoked → job finished): %.1f s, %.0f prompts/s (function init %d ms, not included)%n",
                    pipelineSeconds, rows / pipelineSeconds, big.get("initMillis").asLong());
            System.out.printf("bare BatchWriteItem loop (%d writers, same items): %.1f s, %.0f prompts/s (mean of %.1f s before and %.1f s after the import)%n",
                    WRITERS, bareSeconds, rows / bareSeconds, bareBefore, bareAfter);
            System.out.printf("ratio pipeline/bare: %.2f%n", bareSeconds / pipelineSeconds);
            System.out.printf("index catch-up after the job finished: %.1f s%n", indexSeconds);
            for (JsonNode run : List.of(small, big)) {
                System.out.printf("import heap, %d rows: max after GC %d MB, max after a full GC %d MB, pool peak %d MB, %d GCs (%.1f s)%n",
                        run.get("rows").asInt(), run.get("maxHeapAfterGcMb").asLong(), run.get("maxHeapAfterOldGcMb").asLong(),
                        run.get("peakHeapMb").asLong(), run.get("collections").asLong(), run.get("invokeMillis").asLong() / 1e3);
            }
            System.out.printf("1,000 prompts one by one via POST /prompts: %.1f s (%.0f prompts/s)%n", oneByOne, 1000 / oneByOne);
        }
    }

    /** Puts a CSV of {@code rows} prompts into the side bucket, imports it in a child JVM and checks the job's counts. */
    private static JsonNode importRun(RunningRuntime runtime, S3Client s3, Map<String, String> functionEnv, String key, String userId, int rows)
            throws Exception {
        Path file = Files.createTempFile("bench", ".csv");
        String fileName = "bench-" + rows + "-" + System.nanoTime() + ".csv";
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name,content,tags,model\n");
            for (int i = 0; i < rows; i++) {
                out.write(fileName + " prompt " + i + ",\"" + ImportProbe.content(i) + "\",bench|generated,gpt-4o\n");
            }
        }
        String objectKey = "imports/" + userId + "/" + fileName;
        String etag = s3.putObject(b -> b.bucket(SIDE_BUCKET).key(objectKey), RequestBody.fromFile(file)).eTag().replace("\"", "");
        Files.delete(file);
        runtime.awaitIdle(Duration.ofMinutes(10));
        ObjectNode result = (ObjectNode) probe(functionEnv, "import", SIDE_BUCKET, objectKey, etag);
        for (JsonNode job : get(runtime, key, "/imports?limit=10").get("items")) {
            if (fileName.equals(job.at("/source/fileName").asText())) {
                if (!job.get("state").asText().equals("succeeded") || job.get("created").asInt() != rows) {
                    throw new IllegalStateException("import created " + job.get("created") + " of " + rows + ": " + job);
                }
                return result.put("rows", rows);
            }
        }
        throw new IllegalStateException("no job for " + fileName);
    }

    /** The bare loop's time for {@code rows}, from a fresh JVM, the runtime idle before. */
    private static double bare(RunningRuntime runtime, Map<String, String> functionEnv, int rows) throws Exception {
        runtime.awaitIdle(Duration.ofMinutes(10));
        return probe(functionEnv, "bare", Integer.toString(rows), Integer.toString(WRITERS)).get("invokeMillis").asLong() / 1e3;
    }

    /** Runs {@link ImportProbe} with the import function's environment in a fresh JVM; its RESULT line. */
    private static JsonNode probe(Map<String, String> functionEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CHILD_HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ImportProbe.class.getName()));
        String extra = System.getProperty("promptcms.bench.jvmArgs", "").strip(); // e.g. a JFR recording, to profile
        if (!extra.isEmpty()) {
            command.addAll(3, List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(functionEnv);
        Process process = builder.start();
        String result = null;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the probe " + String.join(" ", args) + " failed (exit " + process.exitValue() + ")");
        }
        return Json.MAPPER.readTree(result);
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

    private static JsonNode get(RunningRuntime runtime, String key, String path) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }
}
