package io.promptcms.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.common.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers and an optional body — text (JSON), or base64 of exact bytes when
 * {@code base64Encoded} (API Gateway then sends the decoded bytes, e.g. a CSV file with its byte order mark).
 */
public record ApiResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public ApiResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    /** A file: its exact bytes, sent base64-encoded through API Gateway. */
    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        return new ApiResponse(status, Map.of("content-type", contentType), Base64.getEncoder().encodeToString(body), true);
    }

    public static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("content-type", JSON), Json.write(body));
    }

    public static ApiResponse ok(Object body) {
        return json(200, body);
    }

    public static ApiResponse created(String location, Object body) {
        return json(201, body).withHeader("location", location);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, Map.copyOf(copy), body, base64Encoded);
    }

    public APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64Encoded)
                .build();
    }
}
