package io.promptcms.api.budget;

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
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.budget.BudgetLedger;
import io.promptcms.budget.BudgetService;
import io.promptcms.common.EnvNames;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetsFunctionTest {

    private static final String BUDGETS_TABLE = "BudgetsTable";
    private static final String PATH = "/api/v1/budgets";

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static BudgetsFunction function;
    private static ApiKeyService keys;
    private static BudgetService runs;

    private CreatedApiKey alice;
    private CreatedApiKey bob;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = new BudgetsFunction(dynamo.env(Map.of(
                EnvNames.BUDGETS_TABLE, BUDGETS_TABLE,
                EnvNames.IDEMPOTENCY_TABLE, LocalDynamoServer.IDEMPOTENCY)));
        keys = new ApiKeyService(dynamo.client(), LocalDynamoServer.API_KEYS, Clock.systemUTC());
        runs = new BudgetService(dynamo.client(), BUDGETS_TABLE, Clock.systemUTC());
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
    void withoutABudgetTheListIsEmptyAndTheMonthsSpendIsShown() {
        runs.settle(runs.reserve(alice.userId(), "gpt-4o", true, new BigDecimal("0.30")), new BigDecimal("0.25"));

        JsonNode body = Gateway.body(call(get(alice)));

        assertEquals(0, body.get("budgets").size());
        JsonNode month = body.get("currentMonth");
        assertEquals(BudgetLedger.period(Clock.systemUTC().instant()), month.get("period").asText());
        assertEquals(0, new BigDecimal("0.25").compareTo(month.get("spentUsd").decimalValue()));
        assertEquals(0, month.get("reservedUsd").decimalValue().signum());
        assertTrue(month.get("resetsAt").asText().endsWith("-01T00:00:00.000Z"), month.toString());
    }

    @Test
    void aBudgetPutReadsBackWithTheMonthAgainstIt() {
        runs.settle(runs.reserve(alice.userId(), "gpt-4o", true, new BigDecimal("9")), new BigDecimal("8.5"));

        ApiResponse put = call(put(alice, Map.of("limitUsd", 10, "warnAtPercent", 75, "hardStop", true)));
        assertEquals(200, put.status());
        JsonNode budget = Gateway.body(call(get(alice))).get("budgets").get(0);

        assertEquals(Gateway.body(put), budget);
        assertEquals("user", budget.get("scope").asText());
        assertEquals(10, budget.get("limitUsd").intValue());
        assertEquals(75, budget.get("warnAtPercent").asInt());
        assertTrue(budget.get("hardStop").asBoolean());
        assertFalse(budget.get("allowUnpricedModels").asBoolean());
        assertEquals(0, new BigDecimal("85.00").compareTo(budget.get("percentUsed").decimalValue()));
        assertEquals(0, new BigDecimal("1.5").compareTo(budget.get("remainingUsd").decimalValue()));
        assertEquals("warning", budget.get("status").asText());
        assertTrue(budget.hasNonNull("updatedAt") && budget.hasNonNull("resetsAt") && budget.hasNonNull("period"));
    }

    @Test
    void aReplayedPutAnswersTheFirstResponse() {
        ApiCall put = put(alice, Map.of("limitUsd", 5)).header("Idempotency-Key", "budget-1");

        ApiResponse first = call(put);
        ApiResponse again = call(put);

        assertEquals(200, again.status());
        assertEquals("true", again.headers().get("idempotent-replayed"));
        assertEquals(Gateway.body(first), Gateway.body(again));
    }

    @Test
    void badBodiesAreProblemsNamingTheField() {
        assertField(call(put(alice, Map.of("limitUsd", 5, "currency", "EUR"))), "currency");
        assertField(call(put(alice, Map.of("limitUsd", 5, "hardStop", "yes"))), "hardStop");
        assertField(call(put(alice, Map.of("limitUsd", "5"))), "limitUsd");
        assertField(call(put(alice, Map.of("limitUsd", 5, "warnAtPercent", 0))), "warnAtPercent");
        assertField(call(put(alice, Map.of("warnAtPercent", 50))), "limitUsd");
        assertField(call(put(alice, Map.of("limitUsd", 5, "scope", "org"))), "scope");
        ApiResponse malformed = call(put(alice, "{\"limitUsd\": 5,"));
        assertEquals(400, malformed.status());
        assertEquals("https://promptcms.dev/problems/malformed-json", Gateway.body(malformed).get("type").asText());
        assertEquals(0, Gateway.body(call(get(alice))).get("budgets").size(), "nothing was stored");
    }

    @Test
    void teamBudgetsAreRefusedUntilTeamsExist() {
        for (ApiCall call : List.of(
                put(alice, Map.of("scope", "team", "limitUsd", 5)),
                put(alice, Map.of("teamId", "tm_1", "limitUsd", 5)),
                get(alice).query("team", "tm_1"),
                get(alice).query("scope", "team"))) {
            ApiResponse refused = call(call);
            assertEquals(400, refused.status());
            assertEquals("https://promptcms.dev/problems/bad-request", Gateway.body(refused).get("type").asText());
            assertTrue(Gateway.body(refused).get("detail").asText().startsWith("teams are not available yet"));
        }
    }

    @Test
    void oneUserNeverSeesNorChangesAnothersBudget() {
        call(put(alice, Map.of("limitUsd", 20, "hardStop", true)));
        runs.settle(runs.reserve(alice.userId(), "gpt-4o", true, new BigDecimal("3")), new BigDecimal("3"));

        JsonNode bobs = Gateway.body(call(get(bob)));
        assertEquals(0, bobs.get("budgets").size());
        assertEquals(0, bobs.at("/currentMonth/committedUsd").decimalValue().signum());
        assertEquals(404, call(delete(bob)).status());
        call(put(bob, Map.of("limitUsd", 1)));

        JsonNode alices = Gateway.body(call(get(alice))).get("budgets").get(0);
        assertEquals(20, alices.get("limitUsd").intValue());
        assertTrue(alices.get("hardStop").asBoolean());
        assertEquals(1, Gateway.body(call(get(bob))).at("/budgets/0/limitUsd").intValue());
    }

    @Test
    void deletingTheBudgetKeepsTheMonthsSpend() {
        call(put(alice, Map.of("limitUsd", 2)));
        runs.settle(runs.reserve(alice.userId(), "gpt-4o", true, new BigDecimal("1")), new BigDecimal("1"));

        assertEquals(204, call(delete(alice)).status());

        JsonNode body = Gateway.body(call(get(alice)));
        assertEquals(0, body.get("budgets").size());
        assertEquals(0, BigDecimal.ONE.compareTo(body.at("/currentMonth/spentUsd").decimalValue()));
        assertEquals(404, call(delete(alice)).status());
    }

    @Test
    void readOnlyKeysCannotSetABudget() {
        String reader = keys.create(new Principal(alice.userId(), alice.key().id(), "alice", EnumSet.allOf(Scope.class)),
                "reader", List.of("prompts:read")).secret();

        assertEquals(403, call(ApiCall.of(BudgetsFunction.PUT, PATH).bearer(reader).json(Map.of("limitUsd", 5))).status());
        assertEquals(403, call(ApiCall.of(BudgetsFunction.DELETE, PATH).bearer(reader)).status());
        assertEquals(200, call(ApiCall.of(BudgetsFunction.GET, PATH).bearer(reader)).status());
    }

    @Test
    void routesAreTheDeclaredOnes() {
        assertEquals(Set.copyOf(BudgetsFunction.ROUTE_KEYS), function.routeKeys());
    }

    private static void assertField(ApiResponse response, String field) {
        assertEquals(400, response.status(), response.body());
        assertEquals("application/problem+json", response.headers().get("content-type"));
        assertEquals(field, Gateway.body(response).at("/errors/0/field").asText(), response.body());
    }

    private static ApiCall get(CreatedApiKey owner) {
        return ApiCall.of(BudgetsFunction.GET, PATH).bearer(owner.secret());
    }

    private static ApiCall put(CreatedApiKey owner, Object body) {
        return ApiCall.of(BudgetsFunction.PUT, PATH).bearer(owner.secret()).json(body);
    }

    private static ApiCall delete(CreatedApiKey owner) {
        return ApiCall.of(BudgetsFunction.DELETE, PATH).bearer(owner.secret());
    }

    private static ApiResponse call(ApiCall call) {
        return gateway.call(function, call);
    }
}
