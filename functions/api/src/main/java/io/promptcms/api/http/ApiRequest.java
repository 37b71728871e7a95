package io.promptcms.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.promptcms.auth.Principal;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.common.ProblemType;
import io.promptcms.common.QueryString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** An HTTP API (payload 2.0) request as a handler sees it: route, parameters, body, and the caller. */
public final class ApiRequest {

    /** Larger bodies are refused with 413 before parsing; prompts hold at most 512 KB of content. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Principal principal;
    private final Map<String, String> headers;

    public ApiRequest(APIGatewayV2HTTPEvent event, Principal principal) {
        this.event = event;
        this.principal = principal;
        this.headers = event.getHeaders() == null ? Map.of()
                : event.getHeaders().entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, (a, b) -> a + "," + b));
    }

    public Principal principal() {
        return principal;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        return event.getRequestContext().getHttp().getMethod();
    }

    public String path() {
        return event.getRawPath();
    }

    /**
     * What besides the body makes two requests the same request: path, query string and If-Match (options of a
     * raw-body import live in the query; a different precondition is a different request).
     */
    public String target() {
        String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty() ? "" : "?" + event.getRawQueryString();
        return path() + query + header("if-match").map(ifMatch -> "\nif-match: " + ifMatch).orElse("");
    }

    public String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route " + routeKey() + " has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * Every query parameter with all its values, in order, read from the raw query string: API Gateway joins a
     * repeated parameter's values with commas in {@code queryStringParameters}, and a value may hold a comma itself.
     * {@code +} is a space, as in forms. An event without a raw query string (one written by hand) falls back to
     * the parameter map. A malformed escape is a 400.
     */
    public Map<String, List<String>> queryParameterLists() {
        String raw = event.getRawQueryString();
        if (raw == null || raw.isEmpty()) {
            return queryParameters().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        }
        return QueryString.parse(raw);
    }

    /** Every query parameter as sent (for routes that refuse parameters they do not know). */
    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : Map.copyOf(event.getQueryStringParameters());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).filter(v -> !v.isBlank());
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** The raw body bytes (decoded when API Gateway base64-encoded them); empty when there is no body. */
    public byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The JSON body read as {@code type}: 415 unless it is declared JSON, 413 past the limit, 400 with the
     * offending field when it is malformed or carries unknown fields.
     */
    public <T> T jsonBody(Class<T> type) {
        String contentType = header("content-type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json (got '" + contentType + "')");
        }
        byte[] bytes = bodyBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "request body is " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        if (bytes.length == 0) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "request body is empty; a JSON object is expected");
        }
        return parseJson(bytes, Json.MAPPER.constructType(type));
    }

    /**
     * JSON read strictly as {@code type}: 400 with the offending field when it is malformed, of the wrong type or
     * carries unknown fields. Also for JSON that arrives elsewhere than as the body (a query parameter, a form field).
     */
    public static <T> T parseJson(byte[] bytes, JavaType type) {
        try {
            T value = Json.MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new ApiException(ProblemType.MALFORMED_JSON, "null where a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.validation(List.of(new FieldError(e.getPropertyName(), "unknown field")));
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw field.isEmpty()
                    ? new ApiException(ProblemType.MALFORMED_JSON, "a JSON object is expected")
                    : ApiException.validation(List.of(new FieldError(field, "has the wrong type")));
        } catch (JsonProcessingException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "the JSON cannot be read");
        }
    }

    /** A {@code true}/{@code false} query parameter; absent is false. */
    public boolean flag(String name) {
        return switch (query(name).orElse("false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.validation(List.of(new FieldError(name, "must be true or false")));
        };
    }
}
