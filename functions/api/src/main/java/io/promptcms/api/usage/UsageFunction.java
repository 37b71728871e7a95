package io.promptcms.api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.Lazy;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.Pricing;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.usage.DynamoUsageEvents;
import io.promptcms.prompt.OwnedPrompts;
import io.promptcms.usage.StatsQuery;
import io.promptcms.usage.UsageStats;
import io.promptcms.usage.UsageTracking;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Usage tracking and stats: {@code POST /usage/track} records calls made outside PromptCMS (202: they are counted
 * into stats by the aggregator, moments later), {@code GET /usage/stats} reads the daily rollups.
 */
public final class UsageFunction extends HttpApiFunction {

    public static final String TRACK = "POST /api/v1/usage/track";
    public static final String STATS = "GET /api/v1/usage/stats";
    public static final List<String> ROUTE_KEYS = List.of(TRACK, STATS);
    public static final String RETENTION_DAYS = "RUN_EVENT_RETENTION_DAYS";

    public UsageFunction() {
        this(Env.system());
    }

    public UsageFunction(Env env) {
        this(env, new AwsClients(env));
    }

    private UsageFunction(Env env, AwsClients aws) {
        this(env, aws.dynamoDb(), PriceCatalog.shipped(new S3PriceOverrides(Lazy.of(aws::s3), env.require("BUCKET_NAME")), Clock.systemUTC()));
    }

    /** With another price source (tests); the clients still come from {@code env}. */
    public UsageFunction(Env env, Pricing pricing) {
        this(env, new AwsClients(env).dynamoDb(), pricing);
    }

    private UsageFunction(Env env, DynamoDbClient dynamo, Pricing pricing) {
        this(tracking(env, dynamo, pricing),
                new UsageStats(dynamo, env.require("USAGE_ROLLUPS_TABLE"), new OwnedPrompts(dynamo, env.require("PROMPTS_TABLE"))),
                new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require("IDEMPOTENCY_TABLE"), Clock.systemUTC())),
                RateLimits.fromEnvironment(env, dynamo), Clock.systemUTC());
    }

    public UsageFunction(UsageTracking tracking, UsageStats stats, IdempotencyGuard idempotency, RateLimiter rateLimiter, Clock clock) {
        super(List.of(
                Route.idempotent(TRACK, Scope.PROMPTS_WRITE, request -> ApiResponse.json(202, tracking.track(request.principal().userId(),
                        request.jsonBody(JsonNode.class), request.header("idempotency-key").orElse(null)))),
                Route.of(STATS, Scope.PROMPTS_READ, request -> ApiResponse.ok(stats.stats(request.principal().userId(),
                        StatsQuery.parse(request.queryParameters(), clock))))), idempotency, rateLimiter);
    }

    private static UsageTracking tracking(Env env, DynamoDbClient dynamo, Pricing pricing) {
        int retentionDays = Integer.parseInt(env.require(RETENTION_DAYS));
        return new UsageTracking(new DynamoUsageEvents(dynamo, env.require("USAGE_EVENTS_TABLE"), retentionDays),
                new OwnedPrompts(dynamo, env.require("PROMPTS_TABLE")), pricing, Clock.systemUTC(), retentionDays);
    }
}
