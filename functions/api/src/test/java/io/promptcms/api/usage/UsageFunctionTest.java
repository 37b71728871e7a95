package io.promptcms.api.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
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
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.pricing.Pricing;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The usage routes as a user meets them, with the aggregator fed the events table's new items as its stream would. */
class UsageFunctionTest {

    static final String EVENTS = "UsageEventsTable";
    private static final AtomicLong SEQUENCE = new AtomicLong(7_000_000_000L);
    /** $1 per 1M input tokens and $2 per 1M output tokens for "test-model"; no other model is known. */
    private static final Pricing PRICING = new Pricing() {
        @Override
        public boolean knows(String model) {
            return "test-model".equals(model);
        }

        @Override
        public CostEstimate cost(String model, Instant at, long in, long out) {
            return knows(model) ? CostEstimate.known(BigDecimal.valueOf(in + 2 * out, 6)) : CostEstimate.unknown("no price for " + model);
        }
    };

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static UsageFunction function;
    private static UsageAggregatorFunction aggregator;
    private static ApiKeyService keys;

    private CreatedApiKey alice;
    private CreatedApiKey bob;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        Env env = dynamo.env(Map.of(
                EnvNames.USAGE_EVENTS_TABLE, EVENTS,
                EnvNames.USAGE_ROLLUPS_TABLE, "UsageRollupsTable",
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.BUDGETS_TABLE, "BudgetsTable",
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY,
                EnvNames.RUN_EVENT_RETENTION_DAYS, "90"));
        function = new UsageFunction(env, PRICING);
        aggregator = new UsageAggregatorFunction(env);
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
    void trackedCallsSentTwiceAppearInStatsOnce() {
        String promptId = prompt(alice.userId());
        Map<String, Object> body = Map.of("events", List.of(
                Map.of("eventId", "call-1", "promptId", promptId, "model", "test-model", "inputTokens", 1000, "outputTokens", 500),
                Map.of("eventId", "call-2", "model", "mystery-llm", "inputTokens", 10, "outputTokens", 5, "costUsd", 0.25)));

        ApiResponse first = call(track(alice).json(body));
        ApiResponse retried = call(track(alice).json(body));
        aggregateNewEvents(alice.userId());
        aggregateNewEvents(alice.userId()); // a redelivered stream batch

        assertEquals(202, first.status());
        JsonNode answer = Gateway.body(first);
        assertEquals(2, answer.get("recorded").asInt());
        assertEquals("0.002", answer.get("events").get(0).get("costUsd").asText());
        assertEquals(2, Gateway.body(retried).get("duplicates").asInt());
        JsonNode stats = Gateway.body(call(stats(alice)));
        assertEquals(2, stats.get("totals").get("runs").asInt());
        assertEquals(1010, stats.get("totals").get("inputTokens").asInt());
        assertEquals(new BigDecimal("0.252"), stats.get("totals").get("costUsd").decimalValue());
        assertEquals(30, stats.get("series").size());
        JsonNode byPrompt = Gateway.body(call(stats(alice).query("promptId", promptId)));
        assertEquals(1, byPrompt.get("totals").get("runs").asInt());
        assertEquals(promptId, byPrompt.get("filters").get("promptId").asText());
    }

    @Test
    void anUnknownModelIsRecordedAndSaysItsCostIsUnknown() {
        ApiResponse response = call(track(alice).json(Map.of("model", "mystery-llm", "inputTokens", 10, "outputTokens", 5)));

        assertEquals(202, response.status());
        JsonNode event = Gateway.body(response).get("events").get(0);
        assertTrue(event.get("costUsd").isNull());
        assertEquals("no price for mystery-llm", event.get("costUnknownReason").asText());
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswer() {
        Map<String, Object> body = Map.of("model", "test-model", "inputTokens", 1, "outputTokens", 1);

        ApiResponse first = call(track(alice).header("Idempotency-Key", "k-1").json(body));
        ApiResponse again = call(track(alice).header("Idempotency-Key", "k-1").json(body));

        assertEquals(first.body(), again.body());
        aggregateNewEvents(alice.userId());
        assertEquals(1, Gateway.body(call(stats(alice))).get("totals").get("runs").asInt());
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        ApiResponse negative = call(track(alice).json(Map.of("events", List.of(
                Map.of("model", "test-model", "inputTokens", 1, "outputTokens", 1),
                Map.of("model", "test-model", "inputTokens", -5, "outputTokens", 1)))));

        assertEquals(400, negative.status());
        assertEquals("application/problem+json", negative.headers().get("content-type"));
        JsonNode problem = Gateway.body(negative);
        assertEquals("https://promptcms.dev/problems/validation", problem.get("type").asText());
        assertEquals("events[1].inputTokens", problem.get("errors").get(0).get("field").asText());
        assertEquals(415, call(track(alice).header("content-type", "text/plain")).status());
        assertEquals(0, dynamo.client().query(b -> b.tableName(EVENTS).keyConditionExpression("ownerId = :o")
                .expressionAttributeValues(Map.of(":o", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(alice.userId()))))
                .count());
    }

    @Test
    void anotherTenantsPromptIsNotFound() {
        String bobsPrompt = prompt(bob.userId());

        assertEquals(404, call(track(alice).json(Map.of("promptId", bobsPrompt, "model", "m", "inputTokens", 1, "outputTokens", 1))).status());
        assertEquals(404, call(stats(alice).query("promptId", bobsPrompt)).status());
    }

    @Test
    void statsRefuseTeamsAndUnknownParameters() {
        ApiResponse team = call(stats(alice).query("team", "tea_1"));
        assertEquals(400, team.status());
        assertEquals("teams are not available yet", Gateway.body(team).get("errors").get(0).get("message").asText());
        assertEquals(400, call(stats(alice).query("limit", "5")).status());
        JsonNode months = Gateway.body(call(stats(alice).query("from", "2026-01-01").query("to", "2026-03-31").query("groupBy", "month")));
        assertEquals("2026-01", months.get("series").get(0).get("period").asText());
        assertEquals(0, months.get("totals").get("costUsd").decimalValue().signum());
    }

    @Test
    void trackingNeedsTheWriteScope() {
        Principal owner = new Principal(alice.userId(), alice.key().id(), "all", EnumSet.allOf(Scope.class));
        CreatedApiKey readOnly = keys.create(owner, "read only", List.of(Scope.PROMPTS_READ.value()));

        assertEquals(403, call(track(readOnly).json(Map.of("model", "m", "inputTokens", 1, "outputTokens", 1))).status());
        assertEquals(200, call(stats(readOnly)).status());
        assertEquals(401, function.handle(ApiCall.of(UsageFunction.STATS, "/api/v1/usage/stats").event(null)).status());
    }

    @Test
    void theAggregatorCountsOnlyInsertsAndReportsTheFirstRecordItCannotRead() {
        call(track(alice).json(Map.of("model", "test-model", "inputTokens", 1, "outputTokens", 1)));
        var stored = dynamo.client().query(b -> b.tableName(EVENTS).keyConditionExpression("ownerId = :o")
                .expressionAttributeValues(Map.of(":o", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(alice.userId())))).items().get(0);
        Map<String, AttributeValue> image = stored.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> streamValue(e.getValue())));
        DynamodbStreamRecord modify = insert(image);
        modify.setEventName("MODIFY");
        DynamodbStreamRecord broken = insert(Map.of("ownerId", new AttributeValue().withS(alice.userId())));
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(List.of(modify, broken, insert(image)));

        var failures = aggregator.handleRequest(batch, null).getBatchItemFailures();

        assertEquals(List.of(broken.getDynamodb().getSequenceNumber()), failures.stream().map(f -> f.getItemIdentifier()).toList());
        assertEquals(0, Gateway.body(call(stats(alice))).get("totals").get("runs").asInt(), "nothing after the failure was counted yet");
    }

    private static ApiCall track(CreatedApiKey key) {
        return ApiCall.of(UsageFunction.TRACK, "/api/v1/usage/track").bearer(key.secret());
    }

    private static ApiCall stats(CreatedApiKey key) {
        return ApiCall.of(UsageFunction.STATS, "/api/v1/usage/stats").bearer(key.secret());
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }

    private static String prompt(String ownerId) {
        String id = Ids.newId("prm");
        StoredPrompt item = StoredPrompt.builder().id(id).ownerId(ownerId).ownerSort("2026-01-01T00:00:00.000Z#" + id)
                .fields(new PromptFields("p", null, null, null, null, null, null)).revision(1L).version(1L).build();
        dynamo.client().putItem(r -> r.tableName(LocalDynamoServer.PROMPTS).item(PromptTable.item(item)));
        return id;
    }

    /** What the stream delivers for the owner's events: one INSERT record per stored event (as first written). */
    static void aggregateNewEvents(String ownerId) {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (var item : dynamo.client().query(b -> b.tableName(EVENTS).keyConditionExpression("ownerId = :o")
                .expressionAttributeValues(Map.of(":o", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ownerId)))).items()) {
            Map<String, AttributeValue> image = item.entrySet().stream().filter(e -> !e.getKey().equals("aggregatedAt"))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> streamValue(e.getValue())));
            records.add(insert(image));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        assertEquals(List.of(), aggregator.handleRequest(event, null).getBatchItemFailures());
    }

    static DynamodbStreamRecord insert(Map<String, AttributeValue> image) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setEventID(Long.toString(SEQUENCE.incrementAndGet()));
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(Long.toString(SEQUENCE.get()));
        stream.setNewImage(image);
        record.setDynamodb(stream);
        return record;
    }

    private static AttributeValue streamValue(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        if (value.s() != null) {
            return new AttributeValue().withS(value.s());
        }
        if (value.n() != null) {
            return new AttributeValue().withN(value.n());
        }
        Map<String, AttributeValue> map = new HashMap<>();
        value.m().forEach((k, v) -> map.put(k, streamValue(v)));
        return new AttributeValue().withM(map);
    }
}
