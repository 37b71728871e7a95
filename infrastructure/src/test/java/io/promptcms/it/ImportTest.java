package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.importexport.ImportFunction;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.pump.S3Events;
import io.promptcms.local.testing.SharedRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Imports as a user drives them against the local runtime: the S3 drop folder, the API, jobs, retries and resumes. */
class ImportTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningRuntime runtime;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
        s3 = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_S3, runtime.s3Endpoint()))).s3();
    }

    private record User(String key, String id) {
    }

    private static User newUser(String name) throws Exception {
        String key = runtime.createUserWithKey(name);
        return new User(key, call(key, "GET", "/me", null, null).json().get("userId").asText());
    }

    private static String csv(int rows, String prefix) {
        StringBuilder csv = new StringBuilder("name,content,tags\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(" ").append(i).append(",\"Say hello to {{name}} number ").append(i).append("\",a|b\n");
        }
        return csv.toString();
    }

    private static void drop(String key, String content) {
        s3.putObject(b -> b.bucket(runtime.bucket()).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    private static JsonNode jobOf(User user, String fileName) throws Exception {
        for (int attempt = 0; attempt < 120; attempt++) {
            runtime.awaitIdle(Duration.ofSeconds(10));
            for (JsonNode job : call(user.key(), "GET", "/imports?limit=100", null, null).json().get("items")) {
                if (fileName.equals(job.path("source").path("fileName").asText()) && job.get("state").asText().matches("succeeded|failed|partially_succeeded")) {
                    return call(user.key(), "GET", "/imports/" + job.get("jobId").asText(), null, null).json();
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no finished job for " + fileName);
    }

    private static int promptCount(User user) throws Exception {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = call(user.key(), "GET", "/prompts?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null, null).json();
            count += page.get("items").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return count;
    }

    @Test
    void aFileDroppedIntoTheUsersFolderIsImportedListedAndSearchable() throws Exception {
        User user = newUser("dropper");
        String word = "quokkadrop" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        drop("imports/" + user.id() + "/my prompts ü.csv", "name,content\nFirst,Tell me about " + word + "\nSecond,Hello {{who}}\n");

        JsonNode job = jobOf(user, "my prompts ü.csv");
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(2, job.get("total").asInt());
        assertEquals(2, job.get("created").asInt());
        assertEquals("s3", job.path("source").path("kind").asText());
        assertEquals("csv", job.path("detected").path("format").asText());
        assertEquals(2, promptCount(user));

        JsonNode found = null;
        for (int attempt = 0; attempt < 40 && (found == null || found.get("items").isEmpty()); attempt++) {
            runtime.awaitIdle(Duration.ofSeconds(5));
            found = call(user.key(), "GET", "/prompts?q=" + word, null, null).json();
        }
        assertEquals("First", found.get("items").get(0).get("name").asText());
    }

    @Test
    void theSameObjectDeliveredTwiceImportsOnce() throws Exception {
        User user = newUser("twice");
        String key = "imports/" + user.id() + "/twice.csv";
        drop(key, csv(30, "Twice"));
        JsonNode first = jobOf(user, "twice.csv");
        String etag = s3.headObject(b -> b.bucket(runtime.bucket()).key(key)).eTag().replace("\"", "");
        S3Event event = S3Events.objectCreated("DropFolder", runtime.bucket(), key, 1, etag, Instant.now(), 1);
        ImportFunction function = importFunction();
        function.handleRequest(event, context(() -> 600_000));
        function.handleRequest(event, context(() -> 600_000));

        assertEquals(30, first.get("created").asInt());
        assertEquals(1, call(user.key(), "GET", "/imports", null, null).json().get("items").size());
        assertEquals(30, promptCount(user));
    }

    @Test
    void anImportThatRunsOutOfTimeContinuesInTheNextInvocationWithExactCounts() throws Exception {
        User user = newUser("long");
        String key = "uploads-elsewhere/" + UUID.randomUUID() + ".csv";
        drop(key, csv(2_500, "Long"));
        String etag = s3.headObject(b -> b.bucket(runtime.bucket()).key(key)).eTag().replace("\"", "");
        // the same bytes under the user's folder, delivered by hand with a clock that runs out after the first window
        String dropKey = "imports/" + user.id() + "/long.csv";
        s3.copyObject(b -> b.sourceBucket(runtime.bucket()).sourceKey(key).destinationBucket(runtime.bucket()).destinationKey(dropKey));
        AtomicInteger asked = new AtomicInteger();
        importFunction().handleRequest(S3Events.objectCreated("DropFolder", runtime.bucket(), dropKey, 1, etag, Instant.now(), 1),
                context(() -> asked.incrementAndGet() <= 1 ? 600_000 : 1_000));

        JsonNode job = jobOf(user, "long.csv");
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(2_500, job.get("total").asInt());
        assertEquals(2_500, job.get("created").asInt());
        assertEquals(2_500, promptCount(user));
    }

    @Test
    void aCrashedRunIsResumedByTheRetryWithoutDuplicates() throws Exception {
        User user = newUser("crash");
        String key = "imports/" + user.id() + "/crash.csv";
        // not through the pump: the object is written where the pump does not look, then delivered by hand
        String hidden = "hidden/" + UUID.randomUUID() + ".csv";
        drop(hidden, csv(2_200, "Crash"));
        s3.copyObject(b -> b.sourceBucket(runtime.bucket()).sourceKey(hidden).destinationBucket(runtime.bucket()).destinationKey(key));
        String etag = s3.headObject(b -> b.bucket(runtime.bucket()).key(key)).eTag().replace("\"", "");
        S3Event event = S3Events.objectCreated("DropFolder", runtime.bucket(), key, 1, etag, Instant.now(), 1);
        AtomicInteger asked = new AtomicInteger();
        ImportFunction function = importFunction();
        try {
            function.handleRequest(event, context(() -> {
                if (asked.incrementAndGet() == 2) {
                    throw new IllegalStateException("killed");
                }
                return 600_000;
            }));
        } catch (IllegalStateException expected) {
            // the first window was committed, the second never started
        }
        function.handleRequest(event, context(() -> 600_000)); // Lambda's retry
        JsonNode job = jobOf(user, "crash.csv");
        assertEquals(2_200, job.get("created").asInt(), job.toString());
        assertEquals(2_200, promptCount(user));
    }

    @Test
    void aDryRunPreviewsAndReportsRowErrorsButWritesNothing() throws Exception {
        User user = newUser("dry");
        String file = "name,content\nGood,Hello\nDup,One\nDup,Two\n,No name\ngood ,Case twin\n";
        Response response = call(user.key(), "POST", "/prompts/bulk-import?dryRun=true&fileName=dry.csv", "text/csv", file);
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("csv", body.at("/job/detected/format").asText());
        assertEquals(5, body.at("/job/preview").size());
        assertEquals("create", body.at("/job/preview/0/action").asText());
        assertEquals(2, body.at("/job/failed").asInt());
        assertTrue(body.get("errors").toString().contains("duplicate of row 2"), body.toString());
        assertTrue(body.get("errors").toString().contains("likely duplicate of row 1"), body.toString());
        assertEquals(0, promptCount(user));
    }

    @Test
    void badFilesEndAsClearJobs() throws Exception {
        User user = newUser("bad");
        String big = "x".repeat(600 * 1024);
        Response mixed = call(user.key(), "POST", "/prompts/bulk-import", "application/json",
                Json.write(Map.of("fileName", "mixed.csv", "content", "name,content\nSmall,ok\nHuge," + big + "\nAlso small,ok\n")));
        assertEquals(200, mixed.status(), mixed.body().substring(0, Math.min(500, mixed.body().length())));
        assertEquals("partially_succeeded", mixed.json().at("/job/state").asText());
        assertEquals(2, mixed.json().at("/job/created").asInt());
        assertEquals(1, mixed.json().at("/job/failed").asInt());
        assertTrue(mixed.json().at("/job/errorReportUrl").asText().contains("import-reports/"));

        drop("imports/" + user.id() + "/header-only.csv", "name,content\r\n");
        JsonNode empty = jobOf(user, "header-only.csv");
        assertEquals("succeeded", empty.get("state").asText());
        assertEquals(0, empty.get("total").asInt());

        drop("imports/" + user.id() + "/empty.csv", "");
        JsonNode nothing = jobOf(user, "empty.csv");
        assertEquals("failed", nothing.get("state").asText());
        assertEquals("the file is empty", nothing.get("message").asText());

        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        s3.putObject(b -> b.bucket(runtime.bucket()).key("imports/" + user.id() + "/binary.csv"), RequestBody.fromBytes(binary));
        JsonNode failed = jobOf(user, "binary.csv");
        assertEquals("failed", failed.get("state").asText());
        assertTrue(failed.get("message").asText().contains("not text"), failed.toString());
        assertEquals(2, promptCount(user));
    }

    @Test
    void aFileInAnotherUsersFolderImportsIntoThatUsersLibraryOnly() throws Exception {
        User alice = newUser("alice-drop");
        User bob = newUser("bob-drop");
        drop("imports/" + bob.id() + "/for-bob.csv", csv(3, "Bob's"));
        assertEquals(3, jobOf(bob, "for-bob.csv").get("created").asInt());
        assertEquals(0, call(alice.key(), "GET", "/imports", null, null).json().get("items").size());
        assertEquals(0, promptCount(alice));
    }

    @Test
    void anUploadUrlAcceptsTheFileAndTheJobCarriesItsOptions() throws Exception {
        User user = newUser("uploader");
        drop("imports/" + user.id() + "/seed.csv", "name,content\nExisting,old text\n");
        jobOf(user, "seed.csv");
        Response upload = call(user.key(), "POST", "/imports/uploads", "application/json",
                "{\"fileName\":\"update me.csv\",\"contentType\":\"text/csv\",\"onConflict\":\"update\"}");
        assertEquals(201, upload.status(), upload.body());
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(upload.json().get("uploadUrl").asText()))
                .header("content-type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("name,content\nExisting,new text\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        JsonNode job = jobOf(user, "update me.csv");
        assertEquals(1, job.get("updated").asInt(), job.toString());
        assertEquals(upload.json().get("jobId").asText(), job.get("jobId").asText());
    }

    // ------------------------------------------------------------------ helpers

    private static ImportFunction importFunction() {
        return new ImportFunction(Env.of(new HashMap<>(runtime.environment("ImportFunction"))));
    }

    private static Context context(IntSupplier remaining) {
        return new Context() {
            public String getAwsRequestId() { return UUID.randomUUID().toString(); }
            public String getLogGroupName() { return "test"; }
            public String getLogStreamName() { return "test"; }
            public String getFunctionName() { return "ImportFunction"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:test"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return remaining.getAsInt(); }
            public int getMemoryLimitInMB() { return 2048; }
            public LambdaLogger getLogger() { return null; }
        };
    }

    record Response(int status, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private static Response call(String key, String method, String path, String contentType, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("content-type", contentType);
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
