package io.promptcms.api.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.testing.ApiCall;
import io.promptcms.api.testing.Gateway;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.apikey.CreatedApiKey;
import io.promptcms.common.EnvNames;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeysFunctionTest {

    private static final String BUCKET = "promptcms-test-bucket";

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static ApiKeysFunction function;
    private static ApiKeyService keys;

    private CreatedApiKey alice;
    private CreatedApiKey bob;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = new ApiKeysFunction(dynamo.env(Map.of(
                EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS,
                EnvNames.BUCKET_NAME, BUCKET)));
        keys = new ApiKeyService(dynamo.client(), LocalDynamoServer.API_KEYS, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @BeforeEach
    void twoUsers() {
        alice = keys.createUserWithKey("alice");
        bob = keys.createUserWithKey("bob");
    }

    @Test
    void meShowsThePrincipalAndItsDropFolder() {
        ApiResponse response = call(ApiCall.of(ApiKeysFunction.ME, "/api/v1/me").bearer(alice.secret()));

        assertEquals(200, response.status());
        JsonNode me = Gateway.body(response);
        assertEquals(alice.userId(), me.get("userId").asText());
        assertEquals(alice.key().id(), me.get("keyId").asText());
        assertEquals("alice", me.get("keyName").asText());
        assertEquals("[\"keys:manage\",\"prompts:read\",\"prompts:write\"]", me.get("scopes").toString());
        assertEquals(BUCKET, me.at("/dropFolder/bucket").asText());
        assertEquals("imports/" + alice.userId() + "/", me.at("/dropFolder/prefix").asText());
        assertEquals("s3://" + BUCKET + "/imports/" + alice.userId() + "/", me.at("/dropFolder/s3Uri").asText());
    }

    @Test
    void withoutAKeyTheAnswerIsA401Problem() {
        ApiResponse response = call(ApiCall.of(ApiKeysFunction.ME, "/api/v1/me"));

        assertEquals(401, response.status());
        assertEquals("application/problem+json", response.headers().get("content-type"));
        assertEquals("Bearer", response.headers().get("www-authenticate"));
        assertTrue(Gateway.body(response).get("detail").asText().startsWith("missing API key"));
    }

    @Test
    void createdKeyIsShownOnceAndWorksAtOnce() {
        ApiResponse created = call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(alice.secret())
                .json(Map.of("name", "ci runner", "scopes", List.of("prompts:read"))));

        assertEquals(201, created.status());
        JsonNode body = Gateway.body(created);
        String secret = body.get("key").asText();
        assertTrue(secret.startsWith(body.get("prefix").asText()));
        assertEquals("ci runner", body.get("name").asText());
        assertEquals("[\"prompts:read\"]", body.get("scopes").toString());
        assertTrue(body.get("note").asText().contains("only time"));

        ApiResponse me = call(ApiCall.of(ApiKeysFunction.ME, "/api/v1/me").bearer(secret));
        assertEquals(body.get("id").asText(), Gateway.body(me).get("keyId").asText());
        ApiResponse list = call(ApiCall.of(ApiKeysFunction.LIST_KEYS, "/api/v1/api-keys").bearer(secret));
        assertEquals(403, list.status(), "a prompts:read key cannot manage keys");
    }

    @Test
    void listNeverShowsSecretsAndHoldsOnlyTheCallersKeys() {
        call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(alice.secret()).json(Map.of("name", "second")));

        ApiResponse response = call(ApiCall.of(ApiKeysFunction.LIST_KEYS, "/api/v1/api-keys").bearer(alice.secret()));

        assertEquals(200, response.status());
        assertFalse(response.body().contains(alice.secret()));
        assertFalse(response.body().contains("keyHash"));
        assertFalse(response.body().contains(bob.key().id()));
        Set<String> fields = new HashSet<>();
        Gateway.body(response).get("items").forEach(item -> item.fieldNames().forEachRemaining(fields::add));
        assertEquals(Set.of("id", "name", "prefix", "scopes", "createdAt", "lastUsedAt"), fields);
        assertEquals("second", Gateway.body(response).at("/items/0/name").asText(), "newest first");
    }

    @Test
    void revokedKeyIsRefusedOnTheNextCall() {
        JsonNode created = Gateway.body(call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(alice.secret())
                .json(Map.of("name", "temporary"))));
        String id = created.get("id").asText();

        ApiResponse revoked = call(ApiCall.of(ApiKeysFunction.REVOKE_KEY, "/api/v1/api-keys/" + id).pathParameter("id", id).bearer(alice.secret()));

        assertEquals(204, revoked.status());
        ApiResponse after = call(ApiCall.of(ApiKeysFunction.ME, "/api/v1/me").bearer(created.get("key").asText()));
        assertEquals(401, after.status());
        assertEquals("invalid API key", Gateway.body(after).get("detail").asText());
    }

    @Test
    void anotherUsersKeyCannotBeRevoked() {
        String id = alice.key().id();

        ApiResponse response = call(ApiCall.of(ApiKeysFunction.REVOKE_KEY, "/api/v1/api-keys/" + id).pathParameter("id", id).bearer(bob.secret()));

        assertEquals(404, response.status());
        assertEquals(200, call(ApiCall.of(ApiKeysFunction.ME, "/api/v1/me").bearer(alice.secret())).status());
    }

    @Test
    void scopesBeyondTheCallersAreAFieldError() {
        String readerKey = Gateway.body(call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(alice.secret())
                .json(Map.of("name", "manager", "scopes", List.of("keys:manage"))))).get("key").asText();

        ApiResponse response = call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(readerKey)
                .json(Map.of("name", "escalate", "scopes", List.of("prompts:write", "root"))));

        assertEquals(400, response.status());
        JsonNode errors = Gateway.body(response).get("errors");
        assertEquals("scopes[0]", errors.get(0).get("field").asText());
        assertEquals("scopes[1]", errors.get(1).get("field").asText());
    }

    @Test
    void unknownBodyFieldsAreRefused() {
        ApiResponse response = call(ApiCall.of(ApiKeysFunction.CREATE_KEY, "/api/v1/api-keys").bearer(alice.secret())
                .json("{\"name\":\"x\",\"userId\":\"usr_someoneelse\"}"));

        assertEquals(400, response.status());
        assertEquals("userId", Gateway.body(response).at("/errors/0/field").asText());
    }

    @Test
    void routesAreTheOnesTheCatalogKnows() {
        assertEquals(Set.copyOf(ApiKeysFunction.ROUTE_KEYS), function.routeKeys());
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }
}
