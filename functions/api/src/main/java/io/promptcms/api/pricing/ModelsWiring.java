package io.promptcms.api.pricing;

import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.Lazy;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.ratelimit.RateLimiter;

/**
 * The objects of one {@link ModelsFunction} container, built once from its environment. The S3 client that reads
 * the operator's price overrides is built on first use, not at cold start.
 */
record ModelsWiring(PriceCatalog catalog, RateLimiter rateLimiter) {

    static ModelsWiring of(Env env) {
        var aws = new AwsClients(env);
        return new ModelsWiring(S3PriceOverrides.catalog(env, Lazy.of(aws::s3)), RateLimits.fromEnvironment(env, aws.dynamoDb()));
    }
}
