package io.promptcms.api.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.idempotency.IdempotencyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prompt routes end to end over a real DynamoDB (moto), as API Gateway would call the function. */
class PromptsFunctionTest {

    private static LocalDynamoServer dynamo;
    private static PromptsFunction function;

    @BeforeAll
    static void startDynamo() throws Exception {
        dynamo = LocalDynamoServer.start();
        function = new PromptsFunction(dynamo.env(Map.of(
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.PROMPT_VERSIONS_TABLE, LocalDynamoServer.PROMPT_VERSIONS,
                EnvNames.COLLECTIONS_TABLE, LocalDynamoServer.COLLECTIONS,
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY,
                EnvNames.BUCKET_NAME, "promptcms-test",
                EnvNames.OPENSEARCH_ENDPOINT, "http://127.0.0.1:9",
                EnvNames.OPENSEARCH_ALIAS, "prompts",
                EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9")));
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        dynamo.close();
    }

    // ------------------------------------------------------------------ requests as API Gateway sends them

    /** One caller of the API. */
    private record Caller(String userId) {

        static Caller fresh() {
            return new Caller("usr_" + UUID.randomUUID());
        }

        ApiResponse call(String method, String routePath, Map<String, String> pathParameters, Map<String, String> query,
                         Map<String, String> headers, String body) {
            String rawQuery = query.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return call(method, routePath, pathParameters, query, rawQuery, headers, body);
        }

        /** As API Gateway sends it: the raw query string, and the parameter map with repeated values joined by commas. */
        ApiResponse call(String method, String routePath, Map<String, String> pathParameters, Map<String, String> query, String rawQuery,
                         Map<String, String> headers, String body) {
            String rawPath = routePath;
            for (var parameter : pathParameters.entrySet()) {
                rawPath = rawPath.replace("{" + parameter.getKey() + "}", parameter.getValue());
            }
            Map<String, String> allHeaders = new HashMap<>(headers);
            if (body != null) {
                allHeaders.put("content-type", "application/json");
            }
            var principal = new Principal(userId, "key_1", "test", Set.of(Scope.PROMPTS_READ, Scope.PROMPTS_WRITE));
            var event = APIGatewayV2HTTPEvent.builder()
                    .withRouteKey(method + " " + routePath)
                    .withRawPath(rawPath)
                    .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                    .withRawQueryString(rawQuery)
                    .withQueryStringParameters(query.isEmpty() ? null : query)
                    .withHeaders(allHeaders)
                    .withBody(body)
                    .withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRequestId(UUID.randomUUID().toString())
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath).build())
                            .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                    .withLambda(AuthorizerContext.of(principal)).build())
                            .build())
                    .build();
            return function.handle(event);
        }

        ApiResponse create(String body, Map<String, String> headers) {
            return call("POST", "/api/v1/prompts", Map.of(), Map.of(), headers, body);
        }

        ApiResponse onPrompt(String method, String suffix, String id, Map<String, String> headers, String body) {
            return call(method, "/api/v1/prompts/{id}" + suffix, Map.of("id", id), Map.of(), headers, body);
        }

        ApiResponse onVersion(String method, String suffix, String id, String version, Map<String, String> headers) {
            return call(method, "/api/v1/prompts/{id}/versions/{version}" + suffix, Map.of("id", id, "version", version), Map.of(), headers, null);
        }

        ApiResponse list(Map<String, String> query) {
            return call("GET", "/api/v1/prompts", Map.of(), query, Map.of(), null);
        }

        /** A list with a raw query string such as {@code tag=a&tag=b}; the parameter map joins repeats as API Gateway does. */
        ApiResponse list(String rawQuery) {
            Map<String, String> joined = new HashMap<>();
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                joined.merge(parts[0], parts.length > 1 ? parts[1] : "", (a, b) -> a + "," + b);
            }
            return call("GET", "/api/v1/prompts", Map.of(), joined, rawQuery, Map.of(), null);
        }

        String createdId(String name, String content) {
            ApiResponse response = create(promptBody(name, content), Map.of());
            assertEquals(201, response.status(), response.body());
            return json(response).get("id").asText();
        }
    }

    private static String promptBody(String name, String content) {
        return Json.write(Map.of("name", name, "content", content));
    }

    private static JsonNode json(ApiResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String problemType(ApiResponse response) {
        return json(response).get("type").asText().replace("https://promptcms.dev/problems/", "");
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void createAnswers201WithLocationEtagAndTheFullView() {
        Caller caller = Caller.fresh();
        ApiResponse created = caller.create(Json.write(Map.of("name", "Greeter", "content", "Hi {{name}}", "tags", List.of("x"))), Map.of());

        assertEquals(201, created.status(), created.body());
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertEquals("/api/v1/prompts/" + id, created.headers().get("location"));
        assertEquals("\"1\"", created.headers().get("etag"));
        assertEquals("Hi {{name}}", body.get("content").asText());
        assertEquals("private", body.get("visibility").asText());
        assertEquals(0, body.get("usageCount").asInt());
        assertFalse(body.get("favorite").asBoolean());

        ApiResponse fetched = caller.onPrompt("GET", "", id, Map.of(), null);
        assertEquals(200, fetched.status());
        assertEquals("\"1\"", fetched.headers().get("etag"));
        // this function's OpenSearch is unreachable: the create says its similar list is incomplete, and that is all it adds
        assertFalse(((ObjectNode) body).remove("similarComplete").asBoolean());
        assertEquals(body, json(fetched));
    }

    @Test
    void anExactDuplicateIsReportedEvenWithTheSearchIndexDown() {
        Caller caller = Caller.fresh();
        String original = caller.createdId("Translator", "Translate the email into French.");

        ApiResponse copy = caller.create(promptBody("Translator (copy)", "  TRANSLATE the email\n\tinto   French. "), Map.of());

        assertEquals(201, copy.status(), copy.body());
        JsonNode similar = json(copy).get("similar");
        assertEquals(1, similar.size(), copy.body());
        assertEquals(original, similar.get(0).get("id").asText());
        assertEquals("Translator", similar.get(0).get("name").asText());
        assertTrue(similar.get(0).get("exact").asBoolean());
        assertEquals(1.0, similar.get(0).get("similarity").asDouble());
        assertFalse(json(copy).get("similarComplete").asBoolean());
    }

    @Test
    void anotherOwnersIdenticalPromptIsNeverReported() {
        Caller.fresh().createdId("Shared idea", "Summarise the meeting notes in five bullet points.");
        Caller other = Caller.fresh();

        ApiResponse created = other.create(promptBody("Mine", "Summarise the meeting notes in five bullet points."), Map.of());

        assertEquals(201, created.status(), created.body());
        assertNull(json(created).get("similar"), created.body());
    }

    @Test
    void rejectDuplicatesAnswers409WithTheMatchesAndWritesNothing() {
        Caller caller = Caller.fresh();
        String original = caller.createdId("Haiku", "Write a haiku about autumn leaves");

        ApiResponse refused = caller.call("POST", "/api/v1/prompts", Map.of(), Map.of("rejectDuplicates", "true"), Map.of(),
                promptBody("Haiku again", "write a HAIKU about autumn leaves"));

        assertEquals(409, refused.status(), refused.body());
        assertEquals("conflict", problemType(refused));
        JsonNode matches = json(refused).get("matches");
        assertEquals(1, matches.size(), refused.body());
        assertEquals(original, matches.get(0).get("id").asText());
        assertTrue(matches.get(0).get("exact").asBoolean());
        JsonNode items = json(caller.list(Map.of())).get("items");
        assertEquals(1, items.size());
        assertEquals(original, items.get(0).get("id").asText());

        ApiResponse different = caller.call("POST", "/api/v1/prompts", Map.of(), Map.of("rejectDuplicates", "true"), Map.of(),
                promptBody("Limerick", "Write a limerick about spring rain"));
        assertEquals(201, different.status(), different.body());
        assertEquals(400, caller.call("POST", "/api/v1/prompts", Map.of(), Map.of("rejectDuplicates", "yes"), Map.of(),
                promptBody("Other", "Other text")).status());
    }

    @Test
    void similarListsTheOwnersDuplicatesAndIsNotFoundForAnotherUsersPrompt() {
        Caller owner = Caller.fresh();
        String original = owner.createdId("Release notes", "Summarise the merged pull requests as release notes.");
        String copy = owner.createdId("Release notes v2", "summarise the merged pull requests as release notes.");
        owner.createdId("Unrelated", "Describe the dishes of the day with flair.");

        ApiResponse similar = owner.call("GET", "/api/v1/prompts/{id}/similar", Map.of("id", original), Map.of("limit", "5"), Map.of(), null);

        assertEquals(200, similar.status(), similar.body());
        JsonNode items = json(similar).get("items");
        assertEquals(1, items.size(), similar.body());
        assertEquals(copy, items.get(0).get("id").asText());
        assertTrue(items.get(0).get("exact").asBoolean());
        assertFalse(json(similar).get("complete").asBoolean());
        assertEquals(404, Caller.fresh().call("GET", "/api/v1/prompts/{id}/similar", Map.of("id", original), Map.of(), Map.of(), null).status());
        assertEquals(404, owner.call("GET", "/api/v1/prompts/{id}/similar", Map.of("id", "prm_nope"), Map.of(), Map.of(), null).status());
    }

    @Test
    void unknownAndServerOwnedFieldsAreRejected() {
        Caller caller = Caller.fresh();
        for (String field : List.of("id", "version", "ownerId", "usageCount", "colour")) {
            ApiResponse response = caller.create("{\"name\":\"n\",\"content\":\"c\",\"" + field + "\":\"1\"}", Map.of());
            assertEquals(400, response.status(), field);
            assertEquals(field, json(response).get("errors").get(0).get("field").asText());
        }
    }

    @Test
    void teamVisibilityIsNotAvailableYet() {
        ApiResponse response = Caller.fresh().create("{\"name\":\"n\",\"content\":\"c\",\"visibility\":\"team\"}", Map.of());
        assertEquals(400, response.status());
        assertEquals("teams are not available yet", json(response).get("errors").get(0).get("message").asText());
    }

    @Test
    void staleIfMatchIs412AndAFreshOneUpdates() {
        Caller caller = Caller.fresh();
        String id = caller.createdId("n", "c");

        ApiResponse updated = caller.onPrompt("PUT", "", id, Map.of("If-Match", "\"1\""), promptBody("n", "c2"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("\"2\"", updated.headers().get("etag"));
        assertEquals(2, json(updated).get("version").asInt());

        ApiResponse stale = caller.onPrompt("PUT", "", id, Map.of("If-Match", "\"1\""), promptBody("n", "c3"));
        assertEquals(412, stale.status());
        assertEquals("c2", json(caller.onPrompt("GET", "", id, Map.of(), null)).get("content").asText());
    }

    @Test
    void theSameIdempotencyKeyReplaysRefusesAnotherBodyAndWaitsForOneInFlight() {
        Caller caller = Caller.fresh();
        String key = UUID.randomUUID().toString();
        ApiResponse first = caller.create(promptBody("once", "c"), Map.of("Idempotency-Key", key));
        ApiResponse again = caller.create(promptBody("once", "c"), Map.of("Idempotency-Key", key));

        assertEquals(201, again.status());
        assertEquals("true", again.headers().get("idempotent-replayed"));
        assertEquals(first.body(), again.body());
        assertEquals(first.headers().get("location"), again.headers().get("location"));
        assertEquals(1, json(caller.list(Map.of())).get("items").size());

        ApiResponse reused = caller.create(promptBody("twice", "c"), Map.of("Idempotency-Key", key));
        assertEquals(422, reused.status());
        assertEquals("idempotency-key-reused", problemType(reused));

        String busyKey = UUID.randomUUID().toString();
        String body = promptBody("busy", "c");
        new IdempotencyService(dynamo.client(), LocalDynamoServer.IDEMPOTENCY, Clock.systemUTC()).claim(caller.userId(), "POST /api/v1/prompts", busyKey,
                IdempotencyService.requestHash("POST", "/api/v1/prompts", body.getBytes(StandardCharsets.UTF_8)));
        ApiResponse inFlight = caller.create(body, Map.of("Idempotency-Key", busyKey));
        assertEquals(409, inFlight.status());
        assertEquals("idempotency-in-flight", problemType(inFlight));

        assertEquals(400, caller.create(body, Map.of("Idempotency-Key", "k".repeat(256))).status());
    }

    @Test
    void versionsAreListedFetchedAndRestored() {
        Caller caller = Caller.fresh();
        String id = caller.createdId("first", "one");
        caller.onPrompt("PUT", "", id, Map.of(), promptBody("second", "two"));

        JsonNode versions = json(caller.onPrompt("GET", "/versions", id, Map.of(), null));
        assertEquals(2, versions.get("items").get(0).get("version").asInt());
        assertTrue(versions.get("nextCursor").isNull());
        assertEquals("one", json(caller.onVersion("GET", "", id, "1", Map.of())).get("content").asText());
        assertEquals(404, caller.onVersion("GET", "", id, "abc", Map.of()).status());
        assertEquals(404, caller.onVersion("GET", "", id, "7", Map.of()).status());

        ApiResponse stale = caller.onVersion("POST", "/restore", id, "1", Map.of("If-Match", "\"1\""));
        assertEquals(412, stale.status());
        ApiResponse restored = caller.onVersion("POST", "/restore", id, "1", Map.of("If-Match", "W/\"2\""));
        assertEquals(200, restored.status(), restored.body());
        assertEquals("\"3\"", restored.headers().get("etag"));
        assertEquals(3, json(restored).get("version").asInt());
        assertEquals("one", json(restored).get("content").asText());
    }

    @Test
    void favoriteIsSetAndClearedOverHttp() {
        Caller caller = Caller.fresh();
        String id = caller.createdId("n", "c");
        assertTrue(json(caller.onPrompt("PUT", "/favorite", id, Map.of(), null)).get("favorite").asBoolean());
        assertTrue(json(caller.onPrompt("GET", "", id, Map.of(), null)).get("favorite").asBoolean());
        assertFalse(json(caller.onPrompt("DELETE", "/favorite", id, Map.of(), null)).get("favorite").asBoolean());
        assertFalse(json(caller.onPrompt("GET", "", id, Map.of(), null)).get("favorite").asBoolean());
    }

    @Test
    void listShowsPreviewsInsteadOfContentAndChecksItsParameters() {
        Caller caller = Caller.fresh();
        caller.createdId("a", "x".repeat(300));
        JsonNode item = json(caller.list(Map.of("limit", "10"))).get("items").get(0);
        assertNull(item.get("content"));
        assertEquals(200, item.get("contentPreview").asText().length());
        assertEquals(300, item.get("contentLength").asInt());
        assertEquals(400, caller.list(Map.of("limit", "0")).status());
        assertEquals(400, caller.list(Map.of("limit", "101")).status());
        assertEquals(400, caller.list(Map.of("cursor", "bm9wZQ")).status());
    }

    @Test
    void deleteAnswers204AndThePromptIsGone() {
        Caller caller = Caller.fresh();
        String id = caller.createdId("n", "c");
        assertEquals(412, caller.onPrompt("DELETE", "", id, Map.of("If-Match", "\"9\""), null).status());
        assertEquals(204, caller.onPrompt("DELETE", "", id, Map.of("If-Match", "*"), null).status());
        assertEquals(404, caller.onPrompt("GET", "", id, Map.of(), null).status());
        assertEquals(404, caller.onPrompt("GET", "/versions", id, Map.of(), null).status());
    }

    @Test
    void anotherUsersPromptIsNotFoundOnEveryRoute() {
        Caller owner = Caller.fresh();
        Caller other = Caller.fresh();
        String id = owner.createdId("n", "c");
        List<ApiResponse> responses = List.of(
                other.onPrompt("GET", "", id, Map.of(), null),
                other.onPrompt("PUT", "", id, Map.of(), promptBody("x", "y")),
                other.onPrompt("DELETE", "", id, Map.of(), null),
                other.onPrompt("GET", "/versions", id, Map.of(), null),
                other.onVersion("GET", "", id, "1", Map.of()),
                other.onVersion("POST", "/restore", id, "1", Map.of()),
                other.onPrompt("PUT", "/favorite", id, Map.of(), null),
                other.onPrompt("DELETE", "/favorite", id, Map.of(), null),
                other.onPrompt("GET", "", "not-an-id", Map.of(), null));
        responses.forEach(response -> assertEquals(404, response.status(), response.body()));
        assertEquals(0, json(other.list(Map.of())).get("items").size());
        assertEquals(200, owner.onPrompt("GET", "", id, Map.of(), null).status());
    }

    @Test
    void anotherUsersPublicPromptIsReadOnly() {
        Caller owner = Caller.fresh();
        Caller reader = Caller.fresh();
        ApiResponse created = owner.create(Json.write(Map.of("name", "shared", "content", "c", "visibility", "public")), Map.of());
        String id = json(created).get("id").asText();

        ApiResponse read = reader.onPrompt("GET", "", id, Map.of(), null);
        assertEquals(200, read.status(), read.body());
        assertEquals("shared", json(read).get("name").asText());
        assertEquals(404, reader.onPrompt("PUT", "", id, Map.of(), promptBody("x", "y")).status());
        assertEquals(404, reader.onPrompt("DELETE", "", id, Map.of(), null).status());
        assertEquals(404, reader.onPrompt("PUT", "/favorite", id, Map.of(), null).status());
        assertEquals(404, reader.onPrompt("GET", "/versions", id, Map.of(), null).status());
        assertEquals(200, owner.onPrompt("GET", "", id, Map.of(), null).status());
    }

    @Test
    void searchParametersAreCheckedBeforeTheIndexIsAsked() {
        Caller caller = Caller.fresh();

        assertInvalid(caller.list("tag=a&tag=b&sort=price"), "sort");
        assertInvalid(caller.list("q=x&sort=relevance:asc"), "sort");
        assertInvalid(caller.list("sort=relevance"), "sort");
        assertInvalid(caller.list("createdFrom=yesterday"), "createdFrom");
        assertInvalid(caller.list("updatedTo=2026-13-01"), "updatedTo");
        assertInvalid(caller.list("minCost=cheap&maxCost=-1"), "maxCost", "minCost");
        assertInvalid(caller.list("minUsage=1e3"), "minUsage");
        assertInvalid(caller.list("quick=popular"), "quick");
        assertInvalid(caller.list("tagMode=most&tag=a"), "tagMode");
        assertInvalid(caller.list("scope=everyone"), "scope");
        assertInvalid(caller.list("visibility=secret"), "visibility");
        assertInvalid(caller.list("facets=yes"), "facets");
        assertInvalid(caller.list("limit=0&tag=a"), "limit");
        assertInvalid(caller.list("ownerId=usr_someone"), "ownerId");
        assertInvalid(caller.list("model=a&model=b"), "model");
        assertInvalid(caller.list("q=" + "x".repeat(257)), "q");
        ApiResponse team = caller.list("team=team_1");
        assertEquals(400, team.status());
        assertEquals("bad-request", problemType(team));
        assertEquals("teams are not available yet", json(team).get("detail").asText());
        ApiResponse escape = caller.list("q=%ZZ");
        assertEquals(400, escape.status());
        assertEquals("bad-request", problemType(escape));
    }

    @Test
    void aPlainListStaysOnTheTableAndAnythingElseAsksTheIndex() {
        Caller caller = Caller.fresh();
        caller.createdId("a", "c");

        assertEquals(1, json(caller.list("limit=10")).get("items").size());
        assertEquals(1, json(caller.list("q=&favorite=false")).get("items").size(), "empty and default values ask for nothing");
        // the index of this test is unreachable: reaching it shows the request went there
        assertEquals(503, caller.list("tag=a,b&tag=c").status());
        assertEquals(503, caller.list("scope=all").status());
    }

    private static void assertInvalid(ApiResponse response, String... fields) {
        assertEquals(400, response.status(), response.body());
        assertEquals("validation", problemType(response));
        List<String> reported = new java.util.ArrayList<>();
        json(response).get("errors").forEach(error -> reported.add(error.get("field").asText()));
        assertEquals(List.of(fields), reported.stream().sorted().toList(), response.body());
    }

    @Test
    void theFunctionServesExactlyTheTemplatesRoutes() {
        assertEquals(Set.of(
                "GET /api/v1/prompts", "POST /api/v1/prompts", "GET /api/v1/prompts/{id}", "PUT /api/v1/prompts/{id}",
                "DELETE /api/v1/prompts/{id}", "GET /api/v1/prompts/{id}/versions", "GET /api/v1/prompts/{id}/versions/{version}",
                "POST /api/v1/prompts/{id}/versions/{version}/restore", "PUT /api/v1/prompts/{id}/favorite",
                "DELETE /api/v1/prompts/{id}/favorite", "GET /api/v1/prompts/{id}/similar"), function.routeKeys());
    }
}
