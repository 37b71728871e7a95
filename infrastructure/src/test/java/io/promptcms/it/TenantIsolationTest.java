package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.template.EventSource;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.local.testing.ProjectDir;
import io.promptcms.local.testing.SharedRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, route by route, over the local runtime as a client sees it: EVERY route of template.yaml is
 * called as the owner of the data, as another user, with a revoked key, with a malformed key and with no key.
 * Each answer's status is exact, and no answer to anyone but the owner carries one of the owner's ids.
 * A route added to the template without a case here fails {@link #everyRouteOfTheTemplateIsCovered()}.
 */
class TenantIsolationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String UNIQUE_WORD = "zanzibarquokka" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");

    private static RunningRuntime runtime;
    private static Caller owner;
    private static Caller stranger;
    private static Caller revoked;
    private static final Caller MALFORMED = new Caller("malformed key", "pcms_thisIsNotAValidKeyAtAll1234567");
    private static final Caller ANONYMOUS = new Caller("no key", null);
    private static Objects alice;

    /** The owner's objects the requests point at. */
    private record Objects(String userId, String promptId, String collectionId, String keyId, String importJobId, String exportJobId,
                           String savedSearchId) {
        Set<String> ids() {
            return Set.of(userId, promptId, collectionId, keyId, importJobId, exportJobId, savedSearchId);
        }
    }

    private record Caller(String name, String key) {
    }

    /** One route's request, built from the owner's objects, and the status each caller must get. */
    private record Case(String routeKey, Function<Objects, Request> request, int ownerStatus, int strangerStatus, boolean isPublic) {
    }

    private record Request(String method, String path, String body, Map<String, String> headers) {
        static Request of(String method, String path) {
            return new Request(method, path, null, Map.of());
        }

        static Request json(String method, String path, String body) {
            return new Request(method, path, body, Map.of("content-type", "application/json"));
        }
    }

    private static final String PROMPT = "{\"name\":\"Isolation probe\",\"content\":\"Say " + UNIQUE_WORD + " to {{name}}\",\"tags\":[\"probe\"]}";

    private static final String RUN = "{\"model\":\"gpt-4o\",\"variables\":{\"name\":\"Bob\"}}";

    /** Ordered so the owner's destructive calls come last. */
    private static final List<Case> CASES = List.of(
            new Case("GET /api/v1/openapi.json", o -> Request.of("GET", "/api/v1/openapi.json"), 200, 200, true),
            new Case("GET /api/v1/me", o -> Request.of("GET", "/api/v1/me"), 200, 200, false),
            new Case("GET /api/v1/prompts", o -> Request.of("GET", "/api/v1/prompts?limit=100"), 200, 200, false),
            new Case("POST /api/v1/prompts", o -> Request.json("POST", "/api/v1/prompts", PROMPT), 201, 201, false),
            new Case("GET /api/v1/prompts/{id}", o -> Request.of("GET", "/api/v1/prompts/" + o.promptId()), 200, 404, false),
            new Case("PUT /api/v1/prompts/{id}", o -> Request.json("PUT", "/api/v1/prompts/" + o.promptId(),
                    PROMPT.replace("Isolation probe", "Isolation probe v2")), 200, 404, false),
            new Case("GET /api/v1/prompts/{id}/similar", o -> Request.of("GET", "/api/v1/prompts/" + o.promptId() + "/similar"), 200, 404, false),
            new Case("GET /api/v1/prompts/{id}/versions", o -> Request.of("GET", "/api/v1/prompts/" + o.promptId() + "/versions"), 200, 404, false),
            new Case("GET /api/v1/prompts/{id}/versions/{version}", o -> Request.of("GET", "/api/v1/prompts/" + o.promptId() + "/versions/1"), 200, 404, false),
            new Case("POST /api/v1/prompts/{id}/versions/{version}/restore",
                    o -> Request.json("POST", "/api/v1/prompts/" + o.promptId() + "/versions/1/restore", "{}"), 200, 404, false),
            new Case("PUT /api/v1/prompts/{id}/favorite", o -> Request.of("PUT", "/api/v1/prompts/" + o.promptId() + "/favorite"), 200, 404, false),
            new Case("DELETE /api/v1/prompts/{id}/favorite", o -> Request.of("DELETE", "/api/v1/prompts/" + o.promptId() + "/favorite"), 200, 404, false),
            new Case("POST /api/v1/prompts/{id}/cost-preview", o -> Request.json("POST", "/api/v1/prompts/" + o.promptId() + "/cost-preview",
                    RUN), 200, 404, false),
            new Case("POST /api/v1/prompts/{id}/run", o -> Request.json("POST", "/api/v1/prompts/" + o.promptId() + "/run", RUN), 200, 404, false),
            new Case("GET /api/v1/prompts/{id}/runs", o -> Request.of("GET", "/api/v1/prompts/" + o.promptId() + "/runs"), 200, 404, false),
            new Case("GET /api/v1/models", o -> Request.of("GET", "/api/v1/models"), 200, 200, false),
            new Case("POST /api/v1/tokens/count", o -> Request.json("POST", "/api/v1/tokens/count", "{\"model\":\"gpt-4o\",\"text\":\"hello\"}"), 200, 200, false),
            new Case("POST /api/v1/usage/track", o -> Request.json("POST", "/api/v1/usage/track",
                    "{\"model\":\"gpt-4o\",\"inputTokens\":3,\"outputTokens\":4}"), 202, 202, false),
            new Case("GET /api/v1/usage/stats", o -> Request.of("GET", "/api/v1/usage/stats?promptId=" + o.promptId()), 200, 404, false),
            new Case("GET /api/v1/budgets", o -> Request.of("GET", "/api/v1/budgets"), 200, 200, false),
            new Case("PUT /api/v1/budgets", o -> Request.json("PUT", "/api/v1/budgets", "{\"limitUsd\":100,\"warnAtPercent\":75}"), 200, 200, false),
            new Case("DELETE /api/v1/budgets", o -> Request.of("DELETE", "/api/v1/budgets"), 204, 204, false),
            new Case("GET /api/v1/saved-searches", o -> Request.of("GET", "/api/v1/saved-searches"), 200, 200, false),
            new Case("POST /api/v1/saved-searches", o -> Request.json("POST", "/api/v1/saved-searches",
                    "{\"name\":\"probe\",\"query\":\"tag=probe&sort=name\"}"), 201, 201, false),
            new Case("DELETE /api/v1/saved-searches/{id}", o -> Request.of("DELETE", "/api/v1/saved-searches/" + o.savedSearchId()), 204, 404, false),
            new Case("GET /api/v1/collections", o -> Request.of("GET", "/api/v1/collections?limit=100"), 200, 200, false),
            new Case("POST /api/v1/collections", o -> Request.json("POST", "/api/v1/collections", "{\"name\":\"c-" + UUID.randomUUID() + "\"}"), 201, 201, false),
            new Case("GET /api/v1/collections/{id}", o -> Request.of("GET", "/api/v1/collections/" + o.collectionId()), 200, 404, false),
            new Case("PUT /api/v1/collections/{id}", o -> Request.json("PUT", "/api/v1/collections/" + o.collectionId(),
                    "{\"name\":\"renamed-" + UUID.randomUUID() + "\"}"), 200, 404, false),
            new Case("POST /api/v1/prompts/bulk-import", o -> Request.json("POST", "/api/v1/prompts/bulk-import",
                    "{\"dryRun\":true,\"fileName\":\"probe.csv\",\"content\":\"name,content\\nProbe,Hello\\n\"}"), 200, 200, false),
            new Case("POST /api/v1/imports/uploads", o -> Request.json("POST", "/api/v1/imports/uploads", "{\"fileName\":\"probe.csv\"}"), 201, 201, false),
            new Case("GET /api/v1/imports", o -> Request.of("GET", "/api/v1/imports?limit=100"), 200, 200, false),
            new Case("GET /api/v1/imports/{jobId}", o -> Request.of("GET", "/api/v1/imports/" + o.importJobId()), 200, 404, false),
            // a stranger's export of the owner's prompt id is an empty file (the id counted as missing), never an error
            new Case("POST /api/v1/prompts/bulk-export", o -> Request.json("POST", "/api/v1/prompts/bulk-export",
                    "{\"format\":\"jsonl\",\"selection\":{\"ids\":[\"" + o.promptId() + "\"]}}"), 200, 200, false),
            new Case("GET /api/v1/exports/{jobId}", o -> Request.of("GET", "/api/v1/exports/" + o.exportJobId()), 200, 404, false),
            new Case("GET /api/v1/api-keys", o -> Request.of("GET", "/api/v1/api-keys"), 200, 200, false),
            new Case("POST /api/v1/api-keys", o -> Request.json("POST", "/api/v1/api-keys", "{\"name\":\"ci\"}"), 201, 201, false),
            new Case("DELETE /api/v1/api-keys/{id}", o -> Request.of("DELETE", "/api/v1/api-keys/" + o.keyId()), 204, 404, false),
            new Case("DELETE /api/v1/collections/{id}", o -> Request.of("DELETE", "/api/v1/collections/" + o.collectionId()), 204, 404, false),
            new Case("DELETE /api/v1/prompts/{id}", o -> Request.of("DELETE", "/api/v1/prompts/" + o.promptId()), 204, 404, false),
            new Case("$default", o -> Request.of("GET", "/api/v1/no-such-thing"), 404, 404, true));

    @BeforeAll
    static void seed() throws Exception {
        runtime = SharedRuntime.get();
        owner = new Caller("owner", runtime.createUserWithKey("alice"));
        stranger = new Caller("another user", runtime.createUserWithKey("bob"));

        String userId = send(owner, Request.of("GET", "/api/v1/me")).json().get("userId").asText();
        String collectionId = send(owner, Request.json("POST", "/api/v1/collections", "{\"name\":\"Alice's\"}")).json().get("id").asText();
        String promptId = send(owner, Request.json("POST", "/api/v1/prompts",
                PROMPT.replace("\"tags\"", "\"collectionIds\":[\"" + collectionId + "\"],\"tags\""))).json().get("id").asText();
        String keyId = send(owner, Request.json("POST", "/api/v1/api-keys", "{\"name\":\"to revoke\"}")).json().get("id").asText();
        String importJobId = send(owner, Request.json("POST", "/api/v1/prompts/bulk-import",
                "{\"dryRun\":true,\"fileName\":\"alice.csv\",\"content\":\"name,content\\nAlice's,Hi\\n\"}")).json().at("/job/jobId").asText();
        String exportJobId = send(owner, Request.json("POST", "/api/v1/prompts/bulk-export",
                "{\"async\":true,\"selection\":{\"ids\":[\"" + promptId + "\"]}}")).json().get("jobId").asText();
        String savedSearchId = send(owner, Request.json("POST", "/api/v1/saved-searches",
                "{\"name\":\"Alice's probes\",\"query\":\"q=" + UNIQUE_WORD + "\"}")).json().get("id").asText();
        alice = new Objects(userId, promptId, collectionId, keyId, importJobId, exportJobId, savedSearchId);

        JsonNode spare = send(owner, Request.json("POST", "/api/v1/api-keys", "{\"name\":\"revoked\"}")).json();
        revoked = new Caller("revoked key", spare.get("key").asText());
        assertEquals(204, send(owner, Request.of("DELETE", "/api/v1/api-keys/" + spare.get("id").asText())).status());
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)), "the owner's prompt is indexed");
    }

    @Test
    void everyRouteOfTheTemplateIsCovered() {
        var template = TemplateReader.read(ProjectDir.find().resolve("template.yaml"));
        Set<String> routes = new TreeSet<>();
        template.functions().forEach(function -> function.events(EventSource.HttpRoute.class).forEach(route -> routes.add(route.routeKey())));
        Set<String> covered = new TreeSet<>();
        CASES.forEach(c -> covered.add(c.routeKey()));
        assertEquals(routes, covered);
    }

    @Test
    void everyRouteAnswersEachCallerExactlyAndLeaksNoForeignId() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Caller caller : List.of(stranger, revoked, MALFORMED, ANONYMOUS)) {
            for (Case c : CASES) {
                int expected = caller == stranger ? c.strangerStatus() : c.isPublic() ? c.ownerStatus() : 401;
                Response response = send(caller, c.request().apply(alice));
                if (response.status() != expected) {
                    failures.add(caller.name() + " " + c.routeKey() + ": expected " + expected + " got " + response.status() + " " + response.body());
                }
                if (response.status() >= 400 && !response.contentType().startsWith("application/problem+json")) {
                    failures.add(caller.name() + " " + c.routeKey() + ": error without problem+json: " + response.contentType());
                }
                alice.ids().stream().filter(id -> response.body().contains(id))
                        .forEach(id -> failures.add(caller.name() + " " + c.routeKey() + ": body contains the owner's id " + id));
            }
        }
        for (Case c : CASES) {
            Response response = send(owner, c.request().apply(alice));
            if (response.status() != c.ownerStatus()) {
                failures.add("owner " + c.routeKey() + ": expected " + c.ownerStatus() + " got " + response.status() + " " + response.body());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aStrangersExportOfTheOwnersIdsExportsNothingOfTheOwners() throws Exception {
        String body = "{\"format\":\"json\",\"selection\":{\"ids\":[\"" + alice.promptId() + "\"]}}";
        Response theirs = send(stranger, Request.json("POST", "/api/v1/prompts/bulk-export", body));
        assertEquals(200, theirs.status());
        assertEquals(0, theirs.json().size(), theirs.body());
        assertEquals("1", theirs.header("export-missing"));
        assertFalse(theirs.body().contains(UNIQUE_WORD));

        Response mine = send(owner, Request.json("POST", "/api/v1/prompts/bulk-export", body));
        assertEquals(1, mine.json().size(), "positive control: the owner exports it: " + mine.body());
        assertEquals(alice.promptId(), mine.json().get(0).get("id").asText());
    }

    @Test
    void searchNeverFindsAnotherUsersPromptEvenWithItsExactWords() throws Exception {
        // The index follows the table within seconds (stream → indexer): wait for the owner to find it.
        JsonNode mine = null;
        for (int attempt = 0; attempt < 60 && (mine == null || mine.get("items").isEmpty()); attempt++) {
            runtime.awaitIdle(Duration.ofSeconds(5));
            mine = send(owner, Request.of("GET", "/api/v1/prompts?q=" + UNIQUE_WORD)).json();
            if (mine.get("items").isEmpty()) {
                Thread.sleep(250);
            }
        }
        assertTrue(mine.get("items").toString().contains(UNIQUE_WORD), "positive control: the owner finds the prompt: " + mine);

        Response theirs = send(stranger, Request.of("GET", "/api/v1/prompts?q=" + UNIQUE_WORD));
        assertEquals(200, theirs.status());
        assertEquals(0, theirs.json().get("items").size());
        alice.ids().forEach(id -> assertFalse(theirs.body().contains(id)));
    }

    // ------------------------------------------------------------------ HTTP

    private record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private static Response send(Caller caller, Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(runtime.gatewayUrl() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body()));
        new LinkedHashMap<>(request.headers()).forEach(builder::header);
        if (caller.key() != null) {
            builder.header("Authorization", "Bearer " + caller.key());
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body(), response.headers());
    }
}
