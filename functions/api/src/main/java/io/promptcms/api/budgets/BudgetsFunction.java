package io.promptcms.api.budgets;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.budget.BudgetInput;
import io.promptcms.budget.BudgetService;
import io.promptcms.budget.BudgetView;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.FieldError;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The caller's monthly budget: read it with this month's spend, set it, remove it. Budgets are per user for now;
 * a team budget (scope {@code team}, a {@code teamId}/{@code team}) is refused until teams exist.
 */
public final class BudgetsFunction extends HttpApiFunction {

    public static final String GET = "GET /api/v1/budgets";
    public static final String PUT = "PUT /api/v1/budgets";
    public static final String DELETE = "DELETE /api/v1/budgets";
    public static final List<String> ROUTE_KEYS = List.of(GET, PUT, DELETE);

    static final String USER_SCOPE = "user";
    static final String TEAMS_NOT_AVAILABLE = "teams are not available yet: budgets are per user (scope \"user\")";

    public BudgetsFunction() {
        this(Env.system());
    }

    public BudgetsFunction(Env env) {
        this(env, new AwsClients(env).dynamoDb());
    }

    private BudgetsFunction(Env env, DynamoDbClient dynamo) {
        this(new BudgetService(dynamo, env.require("BUDGETS_TABLE"), Clock.systemUTC()),
                new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require("IDEMPOTENCY_TABLE"), Clock.systemUTC())),
                RateLimits.fromEnvironment(env, dynamo));
    }

    public BudgetsFunction(BudgetService budgets, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(GET, Scope.PROMPTS_READ, request -> {
                    refuseTeamQuery(request);
                    return ApiResponse.ok(BudgetsBody.of(budgets.view(request.principal().userId())));
                }),
                Route.idempotent(PUT, Scope.PROMPTS_WRITE, request -> {
                    BudgetRequest body = request.jsonBody(BudgetRequest.class);
                    body.requireUserScope();
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
        boolean team = Stream.of("team", "teamId").anyMatch(name -> request.query(name).isPresent());
        String scope = request.query("scope").orElse(USER_SCOPE);
        if (team || "team".equals(scope)) {
            throw ApiException.badRequest(TEAMS_NOT_AVAILABLE);
        }
        if (!USER_SCOPE.equals(scope)) {
            throw ApiException.validation(List.of(new FieldError("scope", "must be user")));
        }
    }

    /**
     * The PUT body. Amounts, percentages and flags stay JSON values so that the budget's validation can refuse
     * {@code "true"} for a flag or {@code 80.5} for a percentage instead of coercing them.
     */
    public record BudgetRequest(String scope, String teamId, String team, JsonNode limitUsd, JsonNode warnAtPercent,
            JsonNode hardStop, JsonNode allowUnpricedModels) {

        void requireUserScope() {
            if ("team".equals(scope) || teamId != null || team != null) {
                throw ApiException.badRequest(TEAMS_NOT_AVAILABLE);
            }
            if (scope != null && !USER_SCOPE.equals(scope)) {
                throw ApiException.validation(List.of(new FieldError("scope", "must be user")));
            }
        }
    }
}
