package io.promptcms.api.auth;

import io.promptcms.apikey.ApiKeyService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.dynamodb.DynamoDbClients;
import java.time.Clock;

/** The objects of one {@link AuthorizerFunction} container, built once from its environment: DynamoDB only. */
record AuthorizerWiring(ApiKeyService keys) {

    static AuthorizerWiring of(Env env) {
        var dynamo = new DynamoDbClients(env).dynamoDb();
        return new AuthorizerWiring(new ApiKeyService(dynamo, env.require(EnvNames.API_KEYS_TABLE), Clock.systemUTC()));
    }
}
