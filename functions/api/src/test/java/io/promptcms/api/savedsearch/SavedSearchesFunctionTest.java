package io.promptcms.api.savedsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SavedSearchesFunctionTest {

    private static final String PATH = "/api/v1/saved-searches";

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static SavedSearchesFunction function;
    private static ApiKeyService keys;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = new SavedSearchesFunction(dynamo.env(Map.of(
                EnvNames.SAVED_SEARCHES_TABLE, "SavedSearchesTable",
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY)));
        keys = new ApiKeyService(dynamo.client(), LocalDynamoServer.API_KEYS, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void aSavedSearchIsTheListsCanonicalQueryAndItsUrl() {
        CreatedApiKey alice = keys.createUserWithKey("alice");

        ApiResponse created = call(ApiCall.of(SavedSearchesFunction.CREATE, PATH).bearer(alice.secret())
                .json(Map.of("name", "Support by cost", "query", "tag=support&sort=cost:desc&tag=billing")));
        assertEquals(201, created.status(), created.body());
        JsonNode saved = Gateway.body(created);
        String query = saved.get("query").asText();
        assertTrue(query.contains("sort=cost") && query.indexOf("tag=billing") < query.indexOf("tag=support"), query);
        assertEquals("/api/v1/prompts?" + query, saved.get("url").asText());
        assertEquals(saved.get("id").asText(), Gateway.body(call(ApiCall.of(SavedSearchesFunction.LIST, PATH).bearer(alice.secret())))
                .at("/items/0/id").asText());
    }

    @Test
    void aQueryTheListWouldRefuseIsRefusedHere() {
        CreatedApiKey alice = keys.createUserWithKey("alice");

        for (String query : new String[] {"sort=popularity", "createdFrom=yesterday", "colour=red", "team=t1"}) {
            ApiResponse refused = call(ApiCall.of(SavedSearchesFunction.CREATE, PATH).bearer(alice.secret()).json(Map.of("name", "x", "query", query)));
            assertEquals(400, refused.status(), query + ": " + refused.body());
        }
        assertEquals(0, Gateway.body(call(ApiCall.of(SavedSearchesFunction.LIST, PATH).bearer(alice.secret()))).get("items").size());
    }

    @Test
    void anotherUsersSavedSearchIsNeitherListedNorDeletable() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        CreatedApiKey bob = keys.createUserWithKey("bob");
        String id = Gateway.body(call(ApiCall.of(SavedSearchesFunction.CREATE, PATH).bearer(alice.secret())
                .json(Map.of("name", "mine", "query", "favorite=true")))).get("id").asText();

        assertEquals(0, Gateway.body(call(ApiCall.of(SavedSearchesFunction.LIST, PATH).bearer(bob.secret()))).get("items").size());
        assertEquals(404, call(ApiCall.of(SavedSearchesFunction.DELETE, PATH + "/" + id).pathParameter("id", id).bearer(bob.secret())).status());
        assertEquals(204, call(ApiCall.of(SavedSearchesFunction.DELETE, PATH + "/" + id).pathParameter("id", id).bearer(alice.secret())).status());
    }

    @Test
    void routesAreTheDeclaredOnes() {
        assertEquals(Set.copyOf(SavedSearchesFunction.ROUTE_KEYS), function.routeKeys());
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }
}
