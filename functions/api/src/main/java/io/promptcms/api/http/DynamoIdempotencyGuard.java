package io.promptcms.api.http;

import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.idempotency.StoredResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link IdempotencyGuard} of the deployed system, over {@link IdempotencyService}: replays stored responses
 * with {@code idempotent-replayed: true}. Client errors are stored like successes (the same request would fail
 * the same way); server errors are not, so a retry with the same key runs again.
 */
public final class DynamoIdempotencyGuard implements IdempotencyGuard {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "idempotent-replayed";

    private final IdempotencyService service;

    /** Answers that depend on the moment (a budget, a race, a changed precondition, a rate limit): a retry must run again. */
    private static final Set<Integer> TRANSIENT = Set.of(402, 409, 412, 429);

    public DynamoIdempotencyGuard(IdempotencyService service) {
        this.service = service;
    }

    /** The guard of a function given an idempotency table by the template. */
    public static DynamoIdempotencyGuard fromEnvironment(Env env, DynamoDbClient dynamo) {
        return new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require(EnvNames.IDEMPOTENCY_TABLE), Clock.systemUTC()));
    }

    @Override
    public ApiResponse run(ApiRequest request, Function<ApiRequest, ApiResponse> action) {
        Optional<String> key = request.header(KEY_HEADER);
        if (key.isEmpty()) {
            return action.apply(request);
        }
        String hash = IdempotencyService.requestHash(request.method(), request.target(), request.bodyBytes());
        return switch (service.claim(request.principal().userId(), request.routeKey(), key.get(), hash)) {
            case IdempotencyService.Replay replay -> new ApiResponse(replay.response().status(), replay.response().headers(),
                    replay.response().body()).withHeader(REPLAYED_HEADER, "true");
            case IdempotencyService.Acquired acquired -> runOnce(request, action, acquired.recordId(), hash);
        };
    }

    private ApiResponse runOnce(ApiRequest request, Function<ApiRequest, ApiResponse> action, String recordId, String hash) {
        ApiResponse response;
        try {
            response = action.apply(request);
        } catch (ApiException e) {
            response = Problems.of(e, request.requestId());
        } catch (RuntimeException e) {
            service.release(recordId);
            throw e;
        }
        if (response.status() >= 500 || TRANSIENT.contains(response.status())) {
            service.release(recordId);
        } else {
            service.complete(recordId, hash, new StoredResponse(response.status(), response.headers(), response.body()));
        }
        return response;
    }
}
