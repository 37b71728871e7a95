package io.promptcms.api.savedsearch;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.QueryString;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.savedsearch.SavedSearchService;
import io.promptcms.search.SearchParams;
import java.time.Clock;

/**
 * The objects of one {@link SavedSearchesFunction} container, built once from its environment. A saved query is
 * checked and canonicalized by the parser of {@code GET /prompts} itself.
 */
record SavedSearchesWiring(SavedSearchService savedSearches, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

    static SavedSearchesWiring of(Env env) {
        var dynamo = new AwsClients(env).dynamoDb();
        return new SavedSearchesWiring(new SavedSearchService(dynamo, env.require(EnvNames.SAVED_SEARCHES_TABLE),
                        raw -> SearchParams.parse(QueryString.parse(raw)).canonicalQueryString(), Clock.systemUTC()),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo));
    }
}
