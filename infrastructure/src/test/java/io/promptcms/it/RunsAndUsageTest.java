package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.testing.ApiUser;
import io.promptcms.local.testing.SharedRuntime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cost visibility as a new user meets it on the local runtime: a cost preview, a run with the offline provider,
 * the run in usage stats, tracked calls counted once however often they are sent, and a hard-stop budget that
 * refuses the run that would exceed it.
 */
class RunsAndUsageTest {

    private static final String PROMPT = """
            {"name":"Summariser","content":"Summarise {{topic}} in a {{style}} style, in three bullet points.","model":"gpt-4o"}""";
    private static final String VARIABLES = "{\"variables\":{\"topic\":\"the history of the bicycle\",\"style\":\"playful\"}";

    private static RunningRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
    }

    @Test
    void previewThenRunThenTheRunShowsInStatsAndOnThePrompt() {
        ApiUser user = ApiUser.create(runtime, "runner");
        String promptId = created(user, PROMPT);

        JsonNode preview = ok(user.post("/prompts/" + promptId + "/cost-preview", VARIABLES + ",\"expectedOutputTokens\":200,\"maxTokens\":400}"));
        assertEquals("gpt-4o", preview.get("model").asText());
        assertTrue(preview.get("inputTokens").get("count").asLong() > 10, preview.toString());
        assertEquals(false, preview.get("inputTokens").get("estimate").asBoolean(), "gpt-4o has a public tokenizer");
        BigDecimal low = preview.get("lowUsd").decimalValue();
        BigDecimal high = preview.get("highUsd").decimalValue();
        assertTrue(low.signum() > 0 && low.compareTo(high) < 0, preview.toString());

        JsonNode run = ok(user.post("/prompts/" + promptId + "/run", VARIABLES + "}"));
        assertTrue(run.get("offline").asBoolean(), run.toString());
        assertTrue(run.get("output").asText().contains("offline"), run.toString());
        long inputTokens = run.get("usage").get("inputTokens").asLong();
        long outputTokens = run.get("usage").get("outputTokens").asLong();
        BigDecimal cost = run.get("costUsd").decimalValue();
        assertEquals(preview.get("inputTokens").get("count").asLong(), inputTokens, "the preview counted what the run sent");
        assertTrue(cost.signum() > 0 && cost.compareTo(high) <= 0, run.toString());

        runtime.awaitIdle(Duration.ofSeconds(10));
        JsonNode totals = ok(user.get("/usage/stats?promptId=" + promptId)).get("totals");
        assertEquals(1, totals.get("runs").asLong());
        assertEquals(inputTokens, totals.get("inputTokens").asLong());
        assertEquals(outputTokens, totals.get("outputTokens").asLong());
        assertEquals(0, cost.compareTo(totals.get("costUsd").decimalValue()), totals.toString());

        JsonNode prompt = ok(user.get("/prompts/" + promptId));
        assertEquals(1, prompt.get("usageCount").asLong());
        assertEquals(0, cost.compareTo(prompt.get("totalCostUsd").decimalValue()), prompt.toString());

        JsonNode history = ok(user.get("/prompts/" + promptId + "/runs")).get("items");
        assertEquals(1, history.size());
        assertEquals(run.get("runId").asText(), history.get(0).get("runId").asText());
    }

    @Test
    void aRunWithAMissingVariableIsRefusedByNameAndRecordsNothing() {
        ApiUser user = ApiUser.create(runtime, "forgetful");
        String promptId = created(user, PROMPT);

        ApiUser.Answer refused = user.post("/prompts/" + promptId + "/run", "{\"variables\":{\"topic\":\"tea\"}}");
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("variables.style"), refused.text());
        ApiUser.Answer injected = user.post("/prompts/" + promptId + "/run", "{\"variables\":{\"topic\":\"{{style}}\",\"style\":\"x\"}}");
        assertEquals(400, injected.status(), injected.text());

        runtime.awaitIdle(Duration.ofSeconds(10));
        assertEquals(0, ok(user.get("/prompts/" + promptId + "/runs")).get("items").size());
        assertEquals(0, ok(user.get("/usage/stats")).get("totals").get("runs").asLong());
    }

    @Test
    void aTrackedCallSentTwiceIsCountedOnce() {
        ApiUser user = ApiUser.create(runtime, "tracker");
        String event = "{\"eventId\":\"call-42\",\"model\":\"gpt-4o-mini\",\"inputTokens\":1000,\"outputTokens\":500}";
        assertEquals(202, user.post("/usage/track", event).status());
        JsonNode again = ok(user.post("/usage/track", event));
        assertEquals(1, again.get("duplicates").asLong(), again.toString());
        String batch = "{\"events\":[{\"model\":\"gpt-4o\",\"inputTokens\":10,\"outputTokens\":5},{\"model\":\"gpt-4o\",\"inputTokens\":20,\"outputTokens\":5}]}";
        Map<String, String> idempotent = Map.of("Idempotency-Key", "batch-7");
        assertEquals(202, user.send("POST", "/usage/track", batch, idempotent).status());
        assertEquals(202, user.send("POST", "/usage/track", batch, idempotent).status());

        runtime.awaitIdle(Duration.ofSeconds(10));
        JsonNode totals = ok(user.get("/usage/stats")).get("totals");
        assertEquals(3, totals.get("runs").asLong(), totals.toString());
        assertEquals(1030, totals.get("inputTokens").asLong());
        assertTrue(totals.get("costUsd").decimalValue().signum() > 0, totals.toString());
    }

    @Test
    void aHardStopBudgetRefusesTheRunThatWouldExceedIt() {
        ApiUser user = ApiUser.create(runtime, "thrifty");
        String promptId = created(user, PROMPT);
        // room for one run's worst case (1,024 output tokens) and 1 % more: after the first run has cost anything,
        // the second one's worst case no longer fits
        JsonNode preview = ok(user.post("/prompts/" + promptId + "/cost-preview", VARIABLES + "}"));
        BigDecimal limit = preview.get("highUsd").decimalValue().multiply(new BigDecimal("1.01")).setScale(6, RoundingMode.CEILING);
        assertEquals(200, user.put("/budgets", "{\"limitUsd\":" + limit.toPlainString() + ",\"hardStop\":true}").status());

        ok(user.post("/prompts/" + promptId + "/run", VARIABLES + "}"));
        ApiUser.Answer refused = user.post("/prompts/" + promptId + "/run", VARIABLES + "}");
        assertEquals(402, refused.status(), refused.text());
        assertEquals("application/problem+json", refused.headers().get("content-type").get(0));
        assertTrue(refused.json().get("type").asText().endsWith("/budget-exceeded"), refused.text());

        JsonNode budget = ok(user.get("/budgets")).get("budgets").get(0);
        assertTrue(budget.get("spentUsd").decimalValue().compareTo(limit) <= 0, budget.toString());
        assertEquals(0, budget.get("reservedUsd").decimalValue().signum(), "no reservation is left open");
    }

    private static String created(ApiUser user, String body) {
        ApiUser.Answer answer = user.post("/prompts", body);
        assertEquals(201, answer.status(), answer.text());
        return answer.json().get("id").asText();
    }

    private static JsonNode ok(ApiUser.Answer answer) {
        assertTrue(answer.status() / 100 == 2, answer.status() + " " + answer.text());
        return answer.json();
    }
}
