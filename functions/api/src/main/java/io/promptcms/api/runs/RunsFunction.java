package io.promptcms.api.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.api.http.Route;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.budget.BudgetService;
import io.promptcms.common.Env;
import io.promptcms.common.Lazy;
import io.promptcms.common.PageCursor;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.run.RunRequestReader;
import io.promptcms.run.RunPlanner;
import io.promptcms.run.RunService;
import io.promptcms.run.provider.ModelProviders;
import io.promptcms.tokens.TokenCounter;
import io.promptcms.usage.DynamoUsageEvents;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

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
        this(Wiring.of(env));
    }

    private final SnapStartPriming priming;

    private RunsFunction(Wiring wiring) {
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

    /** One container's clients and services. S3 (only for content too large for an item) is built on first use. */
    private record Wiring(RunService runs, TokenCounter tokens, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

        static Wiring of(Env env) {
            var aws = new AwsClients(env);
            var clock = Clock.systemUTC();
            var dynamo = aws.dynamoDb();
            Lazy<S3Client> s3 = Lazy.of(aws::s3);
            String bucket = env.require("BUCKET_NAME");
            var prompts = new PromptService(
                    new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                            env.require("PROMPTS_TABLE"), env.require("PROMPT_VERSIONS_TABLE")),
                    new S3ContentStore(s3, bucket),
                    new DynamoCollectionLookup(dynamo, env.require("COLLECTIONS_TABLE")),
                    clock);
            var catalog = PriceCatalog.shipped(new S3PriceOverrides(s3, bucket), clock);
            var tokens = new TokenCounter(catalog::find);
            var providers = new ModelProviders(env, aws, (model, text) -> tokens.chatInputTokens(model, text).tokens());
            var runs = new RunService(new RunPlanner(prompts, catalog, tokens), prompts, catalog, tokens, providers,
                    new BudgetService(dynamo, env.require("BUDGETS_TABLE"), clock),
                    new DynamoUsageEvents(dynamo, env.require("USAGE_EVENTS_TABLE"), Integer.parseInt(env.require("RUN_EVENT_RETENTION_DAYS"))),
                    clock);
            return new Wiring(runs, tokens, new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require("IDEMPOTENCY_TABLE"), clock)),
                    RateLimits.fromEnvironment(env, dynamo));
        }
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("id");
    }
}
