package io.promptcms.api.budget;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.budget.BudgetService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;

/** The objects of one {@link BudgetsFunction} container, built once from its environment. */
record BudgetsWiring(BudgetService budgets, IdempotencyGuard idempotency, RateLimiter rateLimiter) {

    static BudgetsWiring of(Env env) {
        var dynamo = new AwsClients(env).dynamoDb();
        return new BudgetsWiring(new BudgetService(dynamo, env.require(EnvNames.BUDGETS_TABLE), Clock.systemUTC()),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo));
    }
}
