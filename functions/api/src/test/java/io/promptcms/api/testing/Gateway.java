package io.promptcms.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** What API Gateway does for a route: run the authorizer, then the function with the authorizer's context. */
public final class Gateway {

    private final AuthorizerFunction authorizer;

    public Gateway(AuthorizerFunction authorizer) {
        this.authorizer = authorizer;
    }

    @SuppressWarnings("unchecked")
    public ApiResponse call(HttpApiFunction function, ApiCall call) {
        Map<String, Object> answer = authorizer.handleRequest(call.authorizerEvent(), null);
        if (!Boolean.TRUE.equals(answer.get("isAuthorized"))) {
            throw new AssertionError("the authorizer must always authorize and let the function answer: " + answer);
        }
        return function.handle(call.event((Map<String, Object>) answer.get("context")));
    }

    public static JsonNode body(ApiResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
