package io.promptcms.api.run;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.budget.BudgetService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.run.RunPlanner;
import io.promptcms.run.RunService;
import io.promptcms.run.provider.ModelProviders;
import io.promptcms.tokens.TokenCounter;
import io.promptcms.usage.DynamoUsageEvents;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The objects of one {@link RunsFunction} container, built once from its environment. S3 (only for content too
 * large for an item, and for the operator's price overrides) is built on first use; so are the model providers'
 * clients ({@link ModelProviders}).
 */
record RunsWiring(RunService runs, TokenCounter tokens, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

    static RunsWiring of(Env env) {
        var aws = new AwsClients(env);
        var clock = Clock.systemUTC();
        var dynamo = aws.dynamoDb();
        Lazy<S3Client> s3 = Lazy.of(aws::s3);
        var prompts = new PromptService(
                new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                        env.require(EnvNames.PROMPTS_TABLE), env.require(EnvNames.PROMPT_VERSIONS_TABLE)),
                new S3ContentStore(s3, env.require(EnvNames.BUCKET_NAME)),
                new DynamoCollectionLookup(dynamo, env.require(EnvNames.COLLECTIONS_TABLE)),
                clock);
        var catalog = S3PriceOverrides.catalog(env, s3);
        var tokens = new TokenCounter(catalog::find);
        var providers = new ModelProviders(env, aws, (model, text) -> tokens.chatInputTokens(model, text).tokens());
        var runs = new RunService(new RunPlanner(prompts, catalog, tokens), prompts, catalog, tokens, providers,
                new BudgetService(dynamo, env.require(EnvNames.BUDGETS_TABLE), clock),
                new DynamoUsageEvents(dynamo, env.require(EnvNames.USAGE_EVENTS_TABLE),
                        Integer.parseInt(env.require(EnvNames.RUN_EVENT_RETENTION_DAYS))),
                clock);
        return new RunsWiring(runs, tokens, DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo));
    }
}
