package io.promptcms.api.usage;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.usage.UsageAggregator;
import java.time.Clock;

/** The objects of one {@link UsageAggregatorFunction} container, built once from its environment. */
record UsageAggregatorWiring(UsageAggregator aggregator) {

    static UsageAggregatorWiring of(Env env) {
        return new UsageAggregatorWiring(new UsageAggregator(new AwsClients(env).dynamoDb(), env.require(EnvNames.USAGE_EVENTS_TABLE),
                env.require(EnvNames.USAGE_ROLLUPS_TABLE), env.require(EnvNames.PROMPTS_TABLE), env.require(EnvNames.BUDGETS_TABLE),
                Clock.systemUTC()));
    }
}
