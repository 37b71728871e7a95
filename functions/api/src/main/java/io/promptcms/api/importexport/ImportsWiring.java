package io.promptcms.api.importexport;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.importexport.imports.ImportService;
import io.promptcms.ratelimit.RateLimiter;

/** The objects of one {@link ImportsFunction} container, built once from its environment. */
record ImportsWiring(ImportService jobs, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

    static ImportsWiring of(Env env) {
        var aws = new AwsClients(env);
        var dynamo = aws.dynamoDb();
        return new ImportsWiring(ImportExportServices.importJobs(env, aws, dynamo, true),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo));
    }
}
