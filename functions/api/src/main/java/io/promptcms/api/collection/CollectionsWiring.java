package io.promptcms.api.collection;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;

/** The objects of one {@link CollectionsFunction} container, built once from its environment. */
record CollectionsWiring(CollectionService collections, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

    static CollectionsWiring of(Env env) {
        var dynamo = new AwsClients(env).dynamoDb();
        return new CollectionsWiring(
                new CollectionService(dynamo, env.require(EnvNames.COLLECTIONS_TABLE), env.require(EnvNames.PROMPTS_TABLE), Clock.systemUTC()),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo));
    }
}
