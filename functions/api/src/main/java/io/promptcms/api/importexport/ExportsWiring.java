package io.promptcms.api.importexport;

import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.importexport.exports.ExportService;
import io.promptcms.ratelimit.RateLimiter;

/** The objects of one {@link ExportsFunction} container, built once from its environment. */
record ExportsWiring(ExportService exports, RateLimiter rateLimiter) {

    static ExportsWiring of(Env env) {
        var aws = new AwsClients(env);
        var dynamo = aws.dynamoDb();
        return new ExportsWiring(ImportExportServices.exports(env, aws, dynamo, true), RateLimits.fromEnvironment(env, dynamo));
    }
}
