package io.promptcms.api.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.testing.ApiCall;
import io.promptcms.api.testing.Gateway;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.apikey.CreatedApiKey;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.ratelimit.DynamoRateLimiter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionsFunctionTest {

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static CollectionsFunction function;
    private static ApiKeyService keys;

    private CreatedApiKey alice;
    private CreatedApiKey bob;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = new CollectionsFunction(dynamo.env(Map.of(
                EnvNames.COLLECTIONS_TABLE, LocalDynamoServer.COLLECTIONS,
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY)));
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
    void aCollectionsLifeFromCreateToDelete() {
        ApiResponse created = create(alice, "Support", "replies for tickets");
        assertEquals(201, created.status());
        String id = Gateway.body(created).get("id").asText();
        assertEquals("/api/v1/collections/" + id, created.headers().get("location"));
        assertEquals("\"1\"", created.headers().get("etag"));
        StoredPrompt member = prompt(alice, id);

        ApiResponse read = call(one(CollectionsFunction.GET, id).bearer(alice.secret()));
        assertEquals(200, read.status());
        assertEquals(1, Gateway.body(read).get("promptCount").asInt());
        assertEquals("\"1\"", read.headers().get("etag"));

        ApiResponse updated = call(one(CollectionsFunction.UPDATE, id).bearer(alice.secret()).header("If-Match", "\"1\"")
                .json(Map.of("name", "Support v2")));
        assertEquals(200, updated.status());
        assertEquals("\"2\"", updated.headers().get("etag"));
        assertEquals("Support v2", Gateway.body(updated).get("name").asText());

        assertEquals(204, call(one(CollectionsFunction.DELETE, id).bearer(alice.secret())).status());
        assertEquals(404, call(one(CollectionsFunction.GET, id).bearer(alice.secret())).status());
        StoredPrompt kept = PromptTable.read(dynamo.client().getItem(new PromptTable(LocalDynamoServer.PROMPTS).get(member.id())).item());
        assertEquals(List.of(), kept.collectionIds());
    }

    @Test
    void aKeyOverItsPerMinuteLimitGets429WithRetryAfter() {
        var limited = new CollectionsFunction(new CollectionService(dynamo.client(), LocalDynamoServer.COLLECTIONS, LocalDynamoServer.PROMPTS,
                Clock.systemUTC()), IdempotencyGuard.NONE,
                new DynamoRateLimiter(dynamo.client(), "RateLimitsTable", 2, Clock.systemUTC()));

        assertEquals(200, gateway.call(limited, list().bearer(alice.secret())).status());
        assertEquals(200, gateway.call(limited, list().bearer(alice.secret())).status());
        ApiResponse refused = gateway.call(limited, list().bearer(alice.secret()));

        assertEquals(429, refused.status());
        assertEquals("https://promptcms.dev/problems/too-many-requests", Gateway.body(refused).get("type").asText());
        int retryAfter = Integer.parseInt(refused.headers().get("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry-after " + retryAfter);
        assertEquals(200, gateway.call(limited, list().bearer(bob.secret())).status(), "another key is not limited by alice's use");
    }

    @Test
    void replacingWithAStaleETagIs412() {
        String id = Gateway.body(create(alice, "Drafts", null)).get("id").asText();

        call(one(CollectionsFunction.UPDATE, id).bearer(alice.secret()).header("If-Match", "\"1\"").json(Map.of("name", "Drafts 2")));
        ApiResponse stale = call(one(CollectionsFunction.UPDATE, id).bearer(alice.secret()).header("If-Match", "\"1\"").json(Map.of("name", "Drafts 3")));
        assertEquals(412, stale.status());
        assertEquals("Drafts 2", Gateway.body(call(one(CollectionsFunction.GET, id).bearer(alice.secret()))).get("name").asText());
    }

    @Test
    void duplicateNameIsA409Problem() {
        create(alice, "Ideas", null);

        ApiResponse duplicate = create(alice, "IDEAS", null);

        assertEquals(409, duplicate.status());
        assertEquals("application/problem+json", duplicate.headers().get("content-type"));
    }

    @Test
    void anotherUsersCollectionIs404ForEveryMethod() {
        String id = Gateway.body(create(alice, "Private", null)).get("id").asText();

        assertEquals(404, call(one(CollectionsFunction.GET, id).bearer(bob.secret())).status());
        assertEquals(404, call(one(CollectionsFunction.UPDATE, id).bearer(bob.secret()).header("If-Match", "\"1\"").json(Map.of("name", "stolen"))).status());
        assertEquals(404, call(one(CollectionsFunction.DELETE, id).bearer(bob.secret())).status());
        assertEquals("Private", Gateway.body(call(one(CollectionsFunction.GET, id).bearer(alice.secret()))).get("name").asText());
        assertFalse(call(list().bearer(bob.secret())).body().contains(id));
    }

    @Test
    void listPagesNewestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, Gateway.body(create(alice, "c" + i, null)).get("id").asText());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiCall call = list().bearer(alice.secret()).query("limit", "2");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = Gateway.body(call(call));
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertEquals(created, seen);
    }

    @Test
    void retriedCreateWithTheSameIdempotencyKeyCreatesOnce() {
        ApiCall create = ApiCall.of(CollectionsFunction.CREATE, "/api/v1/collections").bearer(alice.secret())
                .header("Idempotency-Key", "retry-1").json(Map.of("name", "Once"));

        ApiResponse first = call(create);
        ApiResponse again = call(create);

        assertEquals(201, again.status());
        assertEquals(Gateway.body(first).get("id"), Gateway.body(again).get("id"));
        assertEquals("true", again.headers().get("idempotent-replayed"));
        assertEquals(1, Gateway.body(call(list().bearer(alice.secret()))).get("items").size());
    }

    @Test
    void badLimitIsAFieldError() {
        ApiResponse response = call(list().bearer(alice.secret()).query("limit", "101"));
        assertEquals(400, response.status());
        assertEquals("limit", Gateway.body(response).at("/errors/0/field").asText());
    }

    @Test
    void readOnlyKeysCannotWrite() {
        String reader = keys.create(new Principal(alice.userId(), alice.key().id(), "alice", EnumSet.allOf(Scope.class)),
                "reader", List.of("prompts:read")).secret();

        assertEquals(403, create(reader, "nope").status());
        assertEquals(200, call(list().bearer(reader)).status());
    }

    @Test
    void routesAreTheOnesTheCatalogKnows() {
        assertEquals(Set.copyOf(CollectionsFunction.ROUTE_KEYS), function.routeKeys());
    }

    private ApiResponse create(CreatedApiKey owner, String name, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        return call(ApiCall.of(CollectionsFunction.CREATE, "/api/v1/collections").bearer(owner.secret()).json(body));
    }

    private ApiResponse create(String secret, String name) {
        return call(ApiCall.of(CollectionsFunction.CREATE, "/api/v1/collections").bearer(secret).json(Map.of("name", name)));
    }

    private static ApiCall one(String routeKey, String id) {
        return ApiCall.of(routeKey, "/api/v1/collections/" + id).pathParameter("id", id);
    }

    private static ApiCall list() {
        return ApiCall.of(CollectionsFunction.LIST, "/api/v1/collections");
    }

    private static StoredPrompt prompt(CreatedApiKey owner, String collectionId) {
        String id = Ids.newId("prm");
        StoredPrompt item = StoredPrompt.builder().id(id).ownerId(owner.userId()).ownerSort("2025-01-01T00:00:00.000Z#" + id)
                .fields(new PromptFields("greeting", "Hello {{name}}", null, null, null, null, null))
                .collectionIds(List.of(collectionId)).revision(1L).build();
        dynamo.client().putItem(r -> r.tableName(LocalDynamoServer.PROMPTS).item(PromptTable.item(item)));
        return item;
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }
}
