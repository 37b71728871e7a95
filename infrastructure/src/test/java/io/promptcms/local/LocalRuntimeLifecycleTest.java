package io.promptcms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.testing.ProjectDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real template on all engines, started and stopped as a user would: it serves, and it leaves nothing behind. */
class LocalRuntimeLifecycleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsTheTemplateAndStopsWithoutLeavingProcesses() throws Exception {
        List<ProcessHandle> children;
        RunningRuntime runtime = LocalRuntime.start(Options.forTests(ProjectDir.find()));
        try {
            System.out.printf("local runtime (real template, all engines) started in %.1f s%n", runtime.startup().toMillis() / 1000.0);
            children = runtime.childProcesses().stream()
                    .flatMap(child -> java.util.stream.Stream.concat(java.util.stream.Stream.of(child), child.descendants()))
                    .toList();
            assertEquals(3, runtime.childProcesses().size(), "DynamoDB (moto), S3Mock and OpenSearch");
            assertTrue(children.stream().allMatch(ProcessHandle::isAlive));

            var me = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/me"))
                    .header("Authorization", "Bearer " + runtime.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());

            var unknown = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/no-such-thing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode(), "the $default route answers, without a key");
            assertTrue(unknown.body().contains("https://promptcms.dev/problems/not-found"), unknown.body());

            var dynamo = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, runtime.dynamoDbEndpoint()))).dynamoDb();
            assertTrue(dynamo.listTables().tableNames().containsAll(
                    List.of("PromptsTable", "PromptVersionsTable", "CollectionsTable", "ApiKeysTable", "IdempotencyTable")));

            var alias = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.openSearchUrl().orElseThrow() + "/_alias/prompts")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, alias.statusCode(), "the search index and its alias exist");
        } finally {
            runtime.close();
        }
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "still running after close: " + child.info().commandLine().orElse(String.valueOf(child.pid())));
        }
        assertFalse(Files.exists(runtime.dataDir()), "an ephemeral runtime removes its data dir");
        runtime.close(); // idempotent
    }
}
