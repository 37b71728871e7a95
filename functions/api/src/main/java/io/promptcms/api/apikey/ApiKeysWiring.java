package io.promptcms.api.apikey;

import io.promptcms.api.http.RateLimits;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;

/** The objects of one {@link ApiKeysFunction} container, built once from its environment; {@code bucket} holds the drop folders. */
record ApiKeysWiring(ApiKeyService keys, String bucket, RateLimiter rateLimiter) {

    static ApiKeysWiring of(Env env) {
        var dynamo = new AwsClients(env).dynamoDb();
        return new ApiKeysWiring(new ApiKeyService(dynamo, env.require(EnvNames.API_KEYS_TABLE), Clock.systemUTC()),
                env.require(EnvNames.BUCKET_NAME), RateLimits.fromEnvironment(env, dynamo));
    }
}
