package io.promptcms.api.models;

import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;

/**
 * The objects of one {@link ModelsFunction} container, built once from its environment. The S3 client that reads
 * the operator's price overrides is built on first use, not at cold start.
 */
record ModelsWiring(PriceCatalog catalog, RateLimiter rateLimiter) {

    static ModelsWiring of(Env env) {
        var aws = new AwsClients(env);
        return new ModelsWiring(PriceCatalog.shipped(new S3PriceOverrides(Lazy.of(aws::s3), env.require(EnvNames.BUCKET_NAME)), Clock.systemUTC()),
                RateLimits.fromEnvironment(env, aws.dynamoDb()));
    }
}
