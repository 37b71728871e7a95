package io.promptcms.api.http;

import io.promptcms.auth.Scope;
import java.util.function.Function;

/**
 * One route of an HTTP API function: its API Gateway route key (as declared in template.yaml), the scope the
 * caller's key must hold, and the code. {@code idempotent} routes honour the {@code Idempotency-Key} header.
 */
public record Route(String routeKey, Scope scope, boolean idempotent, Function<ApiRequest, ApiResponse> action) {

    public static Route of(String routeKey, Scope scope, Function<ApiRequest, ApiResponse> action) {
        return new Route(routeKey, scope, false, action);
    }

    public static Route idempotent(String routeKey, Scope scope, Function<ApiRequest, ApiResponse> action) {
        return new Route(routeKey, scope, true, action);
    }
}
