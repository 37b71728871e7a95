package io.promptcms.api.http;

import io.promptcms.common.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The idempotency guard the HTTP functions are built with.
 * <p>
 * TEMPORARY — the one place to change: until {@code DynamoIdempotencyGuard} (IDEMPOTENCY_TABLE) lands, this
 * answers {@link IdempotencyGuard#NONE}, so an {@code Idempotency-Key} is accepted but not yet honoured.
 */
public final class IdempotencyGuards {

    private IdempotencyGuards() {
    }

    public static IdempotencyGuard forFunction(Env env, DynamoDbClient dynamo) {
        return IdempotencyGuard.NONE; // TODO: new DynamoIdempotencyGuard(dynamo, env.require("IDEMPOTENCY_TABLE"), clock)
    }
}
