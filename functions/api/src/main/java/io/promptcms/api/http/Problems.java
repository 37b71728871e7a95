package io.promptcms.api.http;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.common.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one mapping from failures to RFC 9457 {@code application/problem+json} responses, used by every handler. */
public final class Problems {

    private Problems() {
    }

    public static ApiResponse of(ApiException e, String requestId) {
        return of(e.type(), e.getMessage(), e.errors(), e.extensions(), requestId);
    }

    public static ApiResponse of(ProblemType type, String detail, String requestId) {
        return of(type, detail, List.of(), requestId);
    }

    /**
     * {@code instance} names the request (its id, as in the logs), never the request path: a problem document
     * then carries nothing of a foreign object, not even the id the caller sent.
     */
    public static ApiResponse of(ProblemType type, String detail, List<FieldError> errors, String requestId) {
        return of(type, detail, errors, Map.of(), requestId);
    }

    /** With RFC 9457 extension members after the standard ones (they never replace one). */
    public static ApiResponse of(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        if (requestId != null) {
            body.put("instance", "urn:promptcms:request:" + requestId);
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return new ApiResponse(type.status(), Map.of("content-type", ApiResponse.PROBLEM_JSON), Json.write(body));
    }
}
