package io.promptcms.api.run;

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
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.EnvNames;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The run routes through the authorizer as API Gateway calls them, with the offline provider. */
class RunsFunctionTest {

    private static final Map<String, Object> VARIABLES = Map.of("variables", Map.of("city", "Lisbon"));

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static RunsFunction function;
    private static ApiKeyService keys;
    private static PromptService prompts;
    private static S3Client unreachableS3;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = new RunsFunction(dynamo.env(Map.of(
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY,
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.PROMPT_VERSIONS_TABLE, LocalDynamoServer.PROMPT_VERSIONS,
                EnvNames.COLLECTIONS_TABLE, LocalDynamoServer.COLLECTIONS,
                EnvNames.USAGE_EVENTS_TABLE, "UsageEventsTable",
                EnvNames.BUDGETS_TABLE, "BudgetsTable",
                EnvNames.RUN_EVENT_RETENTION_DAYS, "90",
                EnvNames.BUCKET_NAME, "bucket",
                EnvNames.MODEL_PROVIDER_MODE, "offline",
                EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9")));
        keys = new ApiKeyService(dynamo.client(), LocalDynamoServer.API_KEYS, Clock.systemUTC());
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        prompts = new PromptService(new PromptRepository(dynamo.client(), DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.client()).build(),
                LocalDynamoServer.PROMPTS, LocalDynamoServer.PROMPT_VERSIONS), new S3ContentStore(unreachableS3, "bucket"),
                new DynamoCollectionLookup(dynamo.client(), LocalDynamoServer.COLLECTIONS), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        unreachableS3.close();
        dynamo.close();
    }

    @Test
    void runPreviewAndHistoryAnswerTheOwner() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        String id = prompt(alice);

        JsonNode preview = Gateway.body(ok(call(on(RunsFunction.COST_PREVIEW, id).bearer(alice.secret()).json(VARIABLES))));
        JsonNode run = Gateway.body(ok(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(VARIABLES))));
        JsonNode history = Gateway.body(ok(call(on(RunsFunction.HISTORY, id).bearer(alice.secret()))));

        assertEquals(preview.at("/inputTokens/count").asLong(), run.at("/usage/inputTokens").asLong());
        assertTrue(run.get("offline").asBoolean());
        assertTrue(run.has("costUsd") && run.get("costUsd").isNumber(), run.toString());
        assertEquals("ok", run.at("/budget/status").asText(), run.toString());
        assertEquals(run.get("runId").asText(), history.at("/items/0/runId").asText());
        assertTrue(history.has("nextCursor"));
    }

    @Test
    void aRunReplaysUnderTheSameIdempotencyKeyInsteadOfRunningTwice() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        String id = prompt(alice);
        ApiCall run = on(RunsFunction.RUN, id).bearer(alice.secret()).header("Idempotency-Key", "run-once").json(VARIABLES);

        String first = Gateway.body(ok(call(run))).get("runId").asText();
        String second = Gateway.body(ok(call(run))).get("runId").asText();

        assertEquals(first, second);
        assertEquals(1, Gateway.body(call(on(RunsFunction.HISTORY, id).bearer(alice.secret()))).get("items").size());
    }

    @Test
    void anotherUsersPromptIsNotFoundOnEveryRoute() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        CreatedApiKey bob = keys.createUserWithKey("bob");
        String id = prompt(alice);

        for (ApiCall call : List.of(on(RunsFunction.RUN, id).json(VARIABLES),
                on(RunsFunction.COST_PREVIEW, id).json(VARIABLES),
                on(RunsFunction.HISTORY, id))) {
            ApiResponse response = call(call.bearer(bob.secret()));
            assertEquals(404, response.status(), response.body());
            assertTrue(!response.body().contains(id));
        }
    }

    @Test
    void badBodiesAreProblemsNamingTheField() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        String id = prompt(alice);

        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of()))), "variables.city");
        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of("city", List.of("x"))))),
                "variables.city");
        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret())
                .json(Map.of("variables", Map.of("city", "x"), "model", "no-such-model"))), "model");
        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of("city", "x"), "maxTokens", "100"))), "maxTokens");
        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of("city", "x"), "maxTokens", 100.7))), "maxTokens");
        assertField(call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of("city", "x"), "model", 5))), "model");
        assertField(call(on(RunsFunction.COST_PREVIEW, id).bearer(alice.secret()).json(Map.of("variables", "city=x"))), "variables");
        ApiResponse unknownField = call(on(RunsFunction.RUN, id).bearer(alice.secret()).json(Map.of("variables", Map.of("city", "x"), "prompt", "y")));
        assertField(unknownField, "prompt");
        assertEquals(0, Gateway.body(call(on(RunsFunction.HISTORY, id).bearer(alice.secret()))).get("items").size());
    }

    @Test
    void aReadOnlyKeyMayPreviewButNotRun() {
        CreatedApiKey alice = keys.createUserWithKey("alice");
        String id = prompt(alice);
        String reader = keys.create(new Principal(alice.userId(), alice.key().id(), "alice", EnumSet.allOf(Scope.class)),
                "reader", List.of("prompts:read")).secret();

        assertEquals(403, call(on(RunsFunction.RUN, id).bearer(reader).json(VARIABLES)).status());
        assertEquals(200, call(on(RunsFunction.COST_PREVIEW, id).bearer(reader).json(VARIABLES)).status());
    }

    @Test
    void routesAreTheDeclaredOnes() {
        assertEquals(Set.copyOf(RunsFunction.ROUTE_KEYS), function.routeKeys());
    }

    private static String prompt(CreatedApiKey owner) {
        return prompts.create(owner.userId(), PromptInput.of("Trip", "Plan a day in {{city}}.", null, null, "gpt-4o-mini", null, null, null, null)).id();
    }

    /** A call of {@code routeKey} on prompt {@code id}, with the path API Gateway would have matched. */
    private static ApiCall on(String routeKey, String id) {
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        return ApiCall.of(routeKey, template.replace("{id}", id)).pathParameter("id", id);
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }

    private static ApiResponse ok(ApiResponse response) {
        assertEquals(200, response.status(), response.body());
        return response;
    }

    private static void assertField(ApiResponse response, String field) {
        assertEquals(400, response.status(), response.body());
        assertEquals(field, Gateway.body(response).at("/errors/0/field").asText(), response.body());
    }
}
