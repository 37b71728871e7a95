package io.promptcms.api.budget;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.budget.BudgetInput;
import io.promptcms.budget.BudgetScope;
import io.promptcms.budget.BudgetService;
import io.promptcms.budget.BudgetView;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.ratelimit.RateLimiter;
import java.util.List;

/**
 * The caller's monthly budget: read it with this month's spend, set it, remove it. Budgets are per user for now;
 * a team budget (scope {@code team}, a {@code teamId}/{@code team}) is refused until teams exist.
 */
public final class BudgetsFunction extends HttpApiFunction {

    public static final String GET = "GET /api/v1/budgets";
    public static final String PUT = "PUT /api/v1/budgets";
    public static final String DELETE = "DELETE /api/v1/budgets";
    public static final List<String> ROUTE_KEYS = List.of(GET, PUT, DELETE);

    public BudgetsFunction() {
        this(Env.system());
    }

    public BudgetsFunction(Env env) {
        this(BudgetsWiring.of(env));
    }

    private BudgetsFunction(BudgetsWiring wiring) {
        this(wiring.budgets(), wiring.idempotency(), wiring.rateLimiter());
    }

    public BudgetsFunction(BudgetService budgets, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(GET, Scope.PROMPTS_READ, request -> {
                    refuseTeamQuery(request);
                    return ApiResponse.ok(BudgetsBody.of(budgets.view(request.principal().userId())));
                }),
                Route.idempotent(PUT, Scope.PROMPTS_WRITE, request -> {
                    BudgetRequest body = request.jsonBody(BudgetRequest.class);
                    BudgetScope.requireUser(body.scope(), body.teamId() != null || body.team() != null);
                    BudgetView stored = budgets.put(request.principal().userId(),
                            new BudgetInput(body.limitUsd(), body.warnAtPercent(), body.hardStop(), body.allowUnpricedModels()));
                    return ApiResponse.ok(BudgetEntry.of(stored));
                }),
                Route.idempotent(DELETE, Scope.PROMPTS_WRITE, request -> {
                    refuseTeamQuery(request);
                    if (!budgets.delete(request.principal().userId())) {
                        throw ApiException.notFound("budget");
                    }
                    return ApiResponse.noContent();
                })), idempotency, rateLimiter);
    }

    private static void refuseTeamQuery(ApiRequest request) {
        BudgetScope.requireUser(request.query("scope").orElse(null), request.query("teamId").isPresent() || request.query("team").isPresent());
    }

    /**
     * The PUT body. Amounts, percentages and flags stay JSON values so that the budget's validation can refuse
     * {@code "true"} for a flag or {@code 80.5} for a percentage instead of coercing them.
     */
    public record BudgetRequest(String scope, String teamId, String team, JsonNode limitUsd, JsonNode warnAtPercent,
            JsonNode hardStop, JsonNode allowUnpricedModels) {
    }
}
