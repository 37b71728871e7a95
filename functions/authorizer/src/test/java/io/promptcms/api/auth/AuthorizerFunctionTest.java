package io.promptcms.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.promptcms.apikey.ApiKeyFormat;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.apikey.CreatedApiKey;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizerFunctionTest {

    private static LocalDynamoDb dynamo;
    private static AuthorizerFunction authorizer;
    private static ApiKeyService keys;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamoDb.create();
        String apiKeys = TemplateTables.create(dynamo.dynamoDbClient(), "").apiKeys();
        authorizer = new AuthorizerFunction(Env.of(Map.of(EnvNames.API_KEYS_TABLE, apiKeys,
                EnvNames.AWS_ENDPOINT_URL_DYNAMODB, dynamo.endpoint(), EnvNames.AWS_REGION, "us-east-1")));
        keys = new ApiKeyService(dynamo.dynamoDbClient(), apiKeys, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Test
    void validKeyPutsThePrincipalInTheContext() {
        CreatedApiKey key = keys.createUserWithKey("laptop");

        Map<String, Object> answer = authorize(Map.of("authorization", "bearer " + key.secret()));

        assertEquals(true, answer.get("isAuthorized"));
        Map<?, ?> context = (Map<?, ?>) answer.get("context");
        assertEquals(key.userId(), context.get(AuthorizerContext.USER_ID));
        assertEquals(key.key().id(), context.get(AuthorizerContext.KEY_ID));
        assertEquals("laptop", context.get(AuthorizerContext.KEY_NAME));
        assertEquals("keys:manage prompts:read prompts:write", context.get(AuthorizerContext.SCOPES));
        assertNull(context.get(AuthorizerContext.AUTH_ERROR));
    }

    @Test
    void headerNameAndSchemeAreCaseInsensitive() {
        CreatedApiKey key = keys.createUserWithKey("any case");
        assertEquals(key.userId(), context(Map.of("Authorization", "BEARER   " + key.secret())).get(AuthorizerContext.USER_ID));
    }

    @Test
    void missingKeyIsAuthorizedWithTheReasonForTheHandler() {
        Map<String, Object> answer = authorize(Map.of());
        assertEquals(true, answer.get("isAuthorized"));
        assertEquals(Map.of(AuthorizerContext.AUTH_ERROR, AuthorizerFunction.MISSING), answer.get("context"));
        assertEquals(Map.of(AuthorizerContext.AUTH_ERROR, AuthorizerFunction.MISSING), context(Map.of("authorization", " ")));
    }

    @Test
    void otherSchemesAreRefused() {
        CreatedApiKey key = keys.createUserWithKey("basic");
        assertEquals(Map.of(AuthorizerContext.AUTH_ERROR, AuthorizerFunction.WRONG_SCHEME), context(Map.of("authorization", "Basic " + key.secret())));
        assertEquals(Map.of(AuthorizerContext.AUTH_ERROR, AuthorizerFunction.WRONG_SCHEME), context(Map.of("authorization", key.secret())));
    }

    @Test
    void malformedUnknownAndRevokedKeysGetTheSameAnswer() {
        CreatedApiKey revoked = keys.createUserWithKey("soon gone");
        keys.revoke(new Principal(revoked.userId(), revoked.key().id(), "x", EnumSet.allOf(Scope.class)), revoked.key().id());
        String malformed = revoked.secret().substring(0, 20) + "!" + revoked.secret().substring(21);

        Map<String, Object> expected = Map.of(AuthorizerContext.AUTH_ERROR, AuthorizerFunction.INVALID);
        assertEquals(expected, context(Map.of("authorization", "Bearer " + malformed)));
        assertEquals(expected, context(Map.of("authorization", "Bearer " + ApiKeyFormat.generate())));
        assertEquals(expected, context(Map.of("authorization", "Bearer " + revoked.secret())));
    }

    private static Map<String, Object> authorize(Map<String, String> headers) {
        var event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey("GET /api/v1/me");
        event.setRawPath("/api/v1/me");
        event.setHeaders(headers); // keep the caller's header-name case
        return authorizer.handleRequest(event, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, String> headers) {
        return (Map<String, Object>) authorize(headers).get("context");
    }
}
