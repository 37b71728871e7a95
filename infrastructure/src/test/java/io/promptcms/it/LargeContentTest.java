package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.testing.SharedRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Content up to 512 KB round-trips through the API whichever way it is stored: text that does not compress
 * below an item's limit goes to S3 (S3Mock here) behind a pointer, and the API never shows the difference.
 */
class LargeContentTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void incompressibleMaximalContentIsStoredInS3AndReadBackWhole() throws Exception {
        RunningRuntime runtime = SharedRuntime.get();
        String content = incompressibleText(512 * 1024);

        HttpResponse<String> created = send(runtime, "POST", "/prompts", Json.write(Map.of("name", "Huge system prompt", "content", content)));
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();

        Map<String, AttributeValue> item = dynamo(runtime).getItem(b -> b.tableName("PromptsTable").key(Map.of("id", AttributeValue.fromS(id)))).item();
        assertTrue(item.containsKey("contentRef"), "stored behind an S3 pointer: " + item.keySet());
        assertTrue(!item.containsKey("content") && !item.containsKey("contentGz"));

        JsonNode read = Json.MAPPER.readTree(send(runtime, "GET", "/prompts/" + id, null).body());
        assertEquals(content, read.get("content").asText());

        String edited = content.substring(1) + "!";
        HttpResponse<String> updated = send(runtime, "PUT", "/prompts/" + id, Json.write(Map.of("name", "Huge system prompt", "content", edited)));
        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode firstVersion = Json.MAPPER.readTree(send(runtime, "GET", "/prompts/" + id + "/versions/1", null).body());
        assertEquals(content, firstVersion.get("content").asText());
        assertEquals(edited, Json.MAPPER.readTree(send(runtime, "GET", "/prompts/" + id, null).body()).get("content").asText());

        assertEquals(204, send(runtime, "DELETE", "/prompts/" + id, null).statusCode());
    }

    /** Random letters: about 5.7 bits per byte, so 512 KB stays well above the 300 KB gzip threshold. */
    private static String incompressibleText(int bytes) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(bytes);
        while (text.length() < bytes) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        String result = text.toString();
        assertEquals(bytes, result.getBytes(StandardCharsets.UTF_8).length);
        return result;
    }

    private static DynamoDbClient dynamo(RunningRuntime runtime) {
        return DynamoDbClient.builder().endpointOverride(URI.create(runtime.dynamoDbEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    private static HttpResponse<String> send(RunningRuntime runtime, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + runtime.apiKey())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
