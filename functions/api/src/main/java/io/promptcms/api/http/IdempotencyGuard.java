package io.promptcms.api.http;

import java.util.function.Function;

/**
 * Runs a write at most once per {@code Idempotency-Key}: the same key and body replay the first response,
 * a different body is 422, a request still in flight is 409. Requests without the header run as they are.
 */
@FunctionalInterface
public interface IdempotencyGuard {

    ApiResponse run(ApiRequest request, Function<ApiRequest, ApiResponse> action);

    IdempotencyGuard NONE = (request, action) -> action.apply(request);
}
