package io.promptcms.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.common.Json;
import io.promptcms.local.function.LenientJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the gateway writes back: status, headers (a name may repeat, e.g. set-cookie) and the body bytes. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {

    static GatewayResponse of(ApiResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return new GatewayResponse(response.status(), headers, bytes(response.body(), response.base64Encoded()));
    }

    /** A payload-2.0 response as is; any other value is what API Gateway infers from it: 200 with the value as JSON. */
    static GatewayResponse fromFunction(Object result) {
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            String json = result instanceof String text ? text : Json.write(LenientJson.MAPPER.convertValue(result, Object.class));
            return new GatewayResponse(200, Map.of("content-type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            headers.putAll(response.getMultiValueHeaders());
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("set-cookie", name -> new ArrayList<>()).addAll(response.getCookies());
        }
        return new GatewayResponse(response.getStatusCode(), headers, bytes(response.getBody(), response.getIsBase64Encoded()));
    }

    /** What API Gateway sends for a body: the decoded bytes of a base64 one, else the text as UTF-8. */
    private static byte[] bytes(String body, boolean base64Encoded) {
        return body == null ? new byte[0] : base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
