package io.promptcms.api.usage;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.pricing.Pricing;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.prompt.OwnedPrompts;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.usage.DynamoUsageEvents;
import io.promptcms.usage.UsageStatsService;
import io.promptcms.usage.UsageTrackingService;
import java.time.Clock;

/**
 * The objects of one {@link UsageFunction} container, built once from its environment. The S3 client that reads
 * the operator's price overrides is built on first use, not at cold start.
 */
record UsageWiring(UsageTrackingService tracking, UsageStatsService stats, IdempotencyGuard idempotency, RateLimiter rateLimiter, Clock clock) {

    static UsageWiring of(Env env) {
        var aws = new AwsClients(env);
        return of(env, aws, S3PriceOverrides.catalog(env, Lazy.of(aws::s3)));
    }

    /** With another price source (tests). */
    static UsageWiring of(Env env, Pricing pricing) {
        return of(env, new AwsClients(env), pricing);
    }

    private static UsageWiring of(Env env, AwsClients aws, Pricing pricing) {
        var dynamo = aws.dynamoDb();
        var clock = Clock.systemUTC();
        var prompts = new OwnedPrompts(dynamo, env.require(EnvNames.PROMPTS_TABLE));
        int retentionDays = Integer.parseInt(env.require(EnvNames.RUN_EVENT_RETENTION_DAYS));
        var tracking = new UsageTrackingService(new DynamoUsageEvents(dynamo, env.require(EnvNames.USAGE_EVENTS_TABLE), retentionDays),
                prompts, pricing, clock, retentionDays);
        return new UsageWiring(tracking, new UsageStatsService(dynamo, env.require(EnvNames.USAGE_ROLLUPS_TABLE), prompts),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo), clock);
    }
}
