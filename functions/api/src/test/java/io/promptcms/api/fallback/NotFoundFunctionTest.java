package io.promptcms.api.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.testing.ApiCall;
import io.promptcms.api.testing.Gateway;
import io.promptcms.common.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotFoundFunctionTest {

    private final NotFoundFunction function = new NotFoundFunction(Env.of(Map.of()));

    @Test
    void unknownPathIsA404Problem() {
        ApiResponse response = request("GET", "/api/v1/nothing-here");

        assertEquals(404, response.status());
        assertEquals("application/problem+json", response.headers().get("content-type"));
        assertEquals("https://promptcms.dev/problems/not-found", Gateway.body(response).get("type").asText());
        assertEquals("no route GET /api/v1/nothing-here", Gateway.body(response).get("detail").asText());
        assertNull(response.headers().get("allow"));
    }

    @Test
    void knownPathWithAnotherMethodIsA405WithAllow() {
        ApiResponse collections = request("DELETE", "/api/v1/collections");
        assertEquals(405, collections.status());
        assertEquals("GET, POST", collections.headers().get("allow"));
        assertEquals("https://promptcms.dev/problems/method-not-allowed", Gateway.body(collections).get("type").asText());

        ApiResponse oneCollection = request("PATCH", "/api/v1/collections/col_abc");
        assertEquals("DELETE, GET, PUT", oneCollection.headers().get("allow"));

        assertEquals("GET", request("POST", "/api/v1/me").headers().get("allow"));
        assertEquals("DELETE, PUT", request("GET", "/api/v1/prompts/prm_abc/favorite").headers().get("allow"));
    }

    @Test
    void parametersMatchExactlyOneNonEmptySegment() {
        assertEquals(404, request("PATCH", "/api/v1/collections/").status());
        assertEquals(404, request("PATCH", "/api/v1/collections/a/b").status());
        assertEquals(404, request("GET", "/api/v1/api-keys/key_x/extra").status());
        assertEquals(405, request("GET", "/api/v1/api-keys/key_x").status());
    }

    private ApiResponse request(String method, String path) {
        // $default events carry the route key "$default"; the method is in requestContext.http.
        return function.handle(ApiCall.of(method + " $default", path).event(null));
    }
}
