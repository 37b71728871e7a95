package io.promptcms.api.http;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.ratelimit.DynamoRateLimiter;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The per-key limit every HTTP function applies, configured by the template (table and requests per minute). */
public final class RateLimits {

    private RateLimits() {
    }

    public static RateLimiter fromEnvironment(Env env, DynamoDbClient dynamo) {
        return new DynamoRateLimiter(dynamo, env.require(EnvNames.RATE_LIMITS_TABLE),
                Integer.parseInt(env.require(EnvNames.RATE_LIMIT_PER_MINUTE)), Clock.systemUTC());
    }
}
