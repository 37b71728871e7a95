package io.promptcms.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.api.run.RunsFunction;
import io.promptcms.api.stream.StreamRecords;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.api.usage.UsageAggregatorFunction;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.importexport.imports.DropKey;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sample events in the repository's events/ folder (the ones to invoke functions with by hand) are real
 * payloads our handlers accept: each is loaded with the Lambda events library and run through its function.
 */
class SampleEventsTest {

    private static final Path EVENTS = Path.of("../../events");

    private static LocalDynamoServer dynamo;

    @BeforeAll
    static void startDynamo() throws Exception {
        dynamo = LocalDynamoServer.start();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        dynamo.close();
    }

    @Test
    void createThenGetPromptSamplesAnswer201And200() throws Exception {
        var prompts = prompts();

        APIGatewayV2HTTPEvent create = EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve("http-create-prompt.json").toString());
        ApiResponse created = prompts.handle(create);
        assertEquals(201, created.status(), created.body());
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();

        Path get = Files.createTempFile("http-get-prompt", ".json");
        Files.writeString(get, Files.readString(EVENTS.resolve("http-get-prompt.json")).replace("prm_replace0000000000", id));
        ApiResponse read = prompts.handle(EventLoader.loadApiGatewayHttpEvent(get.toString()));
        assertEquals(200, read.status(), read.body());
        assertEquals("Support reply summariser", Json.MAPPER.readTree(read.body()).get("name").asText());
    }

    @Test
    void runSampleRunsThePromptOfTheCreateSampleOffline() throws Exception {
        ApiResponse created = prompts().handle(EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve("http-create-prompt.json").toString()));
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        var runs = new RunsFunction(dynamo.env(Map.of(
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.PROMPT_VERSIONS_TABLE, LocalDynamoServer.PROMPT_VERSIONS,
                EnvNames.COLLECTIONS_TABLE, LocalDynamoServer.COLLECTIONS,
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY,
                EnvNames.USAGE_EVENTS_TABLE, "UsageEventsTable",
                EnvNames.BUDGETS_TABLE, "BudgetsTable",
                EnvNames.RUN_EVENT_RETENTION_DAYS, "90",
                EnvNames.BUCKET_NAME, "promptcms-test",
                EnvNames.MODEL_PROVIDER_MODE, "offline",
                EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9")));

        Path run = Files.createTempFile("http-run-prompt", ".json");
        Files.writeString(run, Files.readString(EVENTS.resolve("http-run-prompt.json")).replace("prm_replace0000000000", id));
        ApiResponse answer = runs.handle(EventLoader.loadApiGatewayHttpEvent(run.toString()));

        assertEquals(200, answer.status(), answer.body());
        assertTrue(Json.MAPPER.readTree(answer.body()).get("offline").asBoolean());
        assertEquals("gpt-4o-mini", Json.MAPPER.readTree(answer.body()).get("model").asText());
    }

    @Test
    void usageStreamSampleIsCountedOnceHoweverOftenItIsDelivered() throws Exception {
        DynamodbEvent sample = EventLoader.loadDynamoDbEvent(EVENTS.resolve("dynamodb-stream-usage-events.json").toString());
        // the event item the stream record announces, as the track route wrote it
        dynamo.client().putItem(b -> b.tableName("UsageEventsTable").item(StreamRecords.newImage(sample.getRecords().getFirst())));
        var aggregator = new UsageAggregatorFunction(dynamo.env(Map.of(
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.USAGE_EVENTS_TABLE, "UsageEventsTable",
                EnvNames.USAGE_ROLLUPS_TABLE, "UsageRollupsTable",
                EnvNames.BUDGETS_TABLE, "BudgetsTable")));

        assertTrue(aggregator.handleRequest(sample, null).getBatchItemFailures().isEmpty());
        assertTrue(aggregator.handleRequest(sample, null).getBatchItemFailures().isEmpty());

        var rollup = dynamo.client().getItem(b -> b.tableName("UsageRollupsTable").key(Map.of(
                "rollupKey", AttributeValue.fromS("usr_0000000000000000a#all"), "day", AttributeValue.fromS("2026-11-25")))).item();
        assertEquals("1", rollup.get("runs").n());
        assertEquals("1200", rollup.get("inputTokens").n());
        assertEquals(0, new BigDecimal("0.00039").compareTo(new BigDecimal(rollup.get("costUsd").n())));
    }

    @Test
    void authorizerSampleWithItsPlaceholderKeyIsRefusedWithAReason() {
        var authorizer = new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS)));
        APIGatewayV2CustomAuthorizerEvent event = EventLoader.loadEvent(EVENTS.resolve("authorizer-request.json").toString(),
                APIGatewayV2CustomAuthorizerEvent.class);

        Map<String, Object> answer = authorizer.handleRequest(event, null);

        assertEquals(true, answer.get("isAuthorized"), "the authorizer lets the function answer the 401 as problem+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) answer.get("context");
        assertEquals("invalid API key", context.get(AuthorizerContext.AUTH_ERROR));
    }

    @Test
    void s3SampleKeyDecodesToTheUsersDropFolder() {
        S3Event event = EventLoader.loadS3Event(EVENTS.resolve("s3-put-import.json").toString());
        String key = DropKey.decodeEventKey(event.getRecords().get(0).getS3().getObject().getKey());

        assertEquals("imports/usr_0000000000000000a/my prompts ü.csv", key);
        DropKey drop = DropKey.parse(key).orElseThrow();
        assertEquals("usr_0000000000000000a", drop.userId());
        assertTrue(drop.fileName().endsWith("my prompts ü.csv"), drop.fileName());
    }

    private static PromptsFunction prompts() {
        return new PromptsFunction(dynamo.env(Map.of(
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.PROMPT_VERSIONS_TABLE, LocalDynamoServer.PROMPT_VERSIONS,
                EnvNames.COLLECTIONS_TABLE, LocalDynamoServer.COLLECTIONS,
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY,
                EnvNames.BUCKET_NAME, "promptcms-test",
                EnvNames.OPENSEARCH_ENDPOINT, "http://127.0.0.1:9",
                EnvNames.OPENSEARCH_ALIAS, "prompts")));
    }
}
