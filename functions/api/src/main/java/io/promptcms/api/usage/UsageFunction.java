package io.promptcms.api.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.pricing.Pricing;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.usage.StatsQuery;
import io.promptcms.usage.UsageStatsService;
import io.promptcms.usage.UsageTrackingService;
import java.time.Clock;
import java.util.List;

/**
 * Usage tracking and stats: {@code POST /usage/track} records calls made outside PromptCMS (202: they are counted
 * into stats by the aggregator, moments later), {@code GET /usage/stats} reads the daily rollups.
 */
public final class UsageFunction extends HttpApiFunction {

    public static final String TRACK = "POST /api/v1/usage/track";
    public static final String STATS = "GET /api/v1/usage/stats";
    public static final List<String> ROUTE_KEYS = List.of(TRACK, STATS);

    public UsageFunction() {
        this(Env.system());
    }

    public UsageFunction(Env env) {
        this(UsageWiring.of(env));
    }

    /** With another price source (tests); everything else comes from {@code env}. */
    public UsageFunction(Env env, Pricing pricing) {
        this(UsageWiring.of(env, pricing));
    }

    private UsageFunction(UsageWiring wiring) {
        this(wiring.tracking(), wiring.stats(), wiring.idempotency(), wiring.rateLimiter(), wiring.clock());
    }

    public UsageFunction(UsageTrackingService tracking, UsageStatsService stats, IdempotencyGuard idempotency, RateLimiter rateLimiter, Clock clock) {
        super(List.of(
                Route.idempotent(TRACK, Scope.PROMPTS_WRITE, request -> ApiResponse.json(202, tracking.track(request.principal().userId(),
                        request.jsonBody(JsonNode.class), request.header("idempotency-key").orElse(null)))),
                Route.of(STATS, Scope.PROMPTS_READ, request -> ApiResponse.ok(stats.stats(request.principal().userId(),
                        StatsQuery.parse(request.queryParameters(), clock))))), idempotency, rateLimiter);
    }
}
