package io.promptcms.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A user of the local runtime with an API key, calling the API over HTTP as a client would. */
public record ApiUser(RunningRuntime runtime, String key, String id) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers and the body parsed as JSON (null when empty). */
    public record Answer(int status, Map<String, java.util.List<String>> headers, String text) {

        public JsonNode json() {
            try {
                return text.isEmpty() ? null : Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }
    }

    public static ApiUser create(RunningRuntime runtime, String name) {
        String key = runtime.createUserWithKey(name);
        return new ApiUser(runtime, key, new ApiUser(runtime, key, null).get("/me").json().get("userId").asText());
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json, Map.of());
    }

    /** {@code path} is relative to {@code /api/v1}. */
    public Answer send(String method, String path, String json, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("content-type", "application/json");
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
