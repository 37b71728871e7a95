package io.promptcms.api.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.common.PageCursor;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.run.RunRequestReader;
import io.promptcms.run.RunService;
import java.util.List;

/**
 * Runs of a prompt, their cost before they happen, and their history. Running spends money, so it needs
 * {@code prompts:write}; previews and history only read. A run replays under the same Idempotency-Key instead of
 * calling the provider twice.
 */
public final class RunsFunction extends HttpApiFunction {

    public static final String RUN = "POST /api/v1/prompts/{id}/run";
    public static final String COST_PREVIEW = "POST /api/v1/prompts/{id}/cost-preview";
    public static final String HISTORY = "GET /api/v1/prompts/{id}/runs";
    public static final List<String> ROUTE_KEYS = List.of(RUN, COST_PREVIEW, HISTORY);

    public RunsFunction() {
        this(Env.system());
    }

    public RunsFunction(Env env) {
        this(RunsWiring.of(env));
    }

    private final SnapStartPriming priming;

    private RunsFunction(RunsWiring wiring) {
        this(wiring.runs(), wiring.idempotency(), wiring.rateLimiter(), wiring.tokens()::warmUp);
    }

    public RunsFunction(RunService runs, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        this(runs, idempotency, rateLimiter, () -> { });
    }

    private RunsFunction(RunService runs, IdempotencyGuard idempotency, RateLimiter rateLimiter, Runnable prime) {
        super(List.of(
                Route.idempotent(RUN, Scope.PROMPTS_WRITE, request -> ApiResponse.ok(runs.run(request.principal().userId(), id(request),
                        RunRequestReader.read(request.jsonBody(JsonNode.class), RunRequestReader.RUN_FIELDS)))),
                Route.of(COST_PREVIEW, Scope.PROMPTS_READ, request -> ApiResponse.ok(runs.preview(request.principal().userId(), id(request),
                        RunRequestReader.read(request.jsonBody(JsonNode.class), RunRequestReader.PREVIEW_FIELDS)))),
                Route.of(HISTORY, Scope.PROMPTS_READ, request -> ApiResponse.ok(runs.history(request.principal().userId(), id(request),
                        PageCursor.limit(request.query("limit")), request.query("cursor").orElse(null))))),
                idempotency, rateLimiter);
        this.priming = SnapStartPriming.register(prime);
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("id");
    }
}
