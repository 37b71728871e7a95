package io.promptcms.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.prompt.OwnedPrompts;
import io.promptcms.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageTrackingTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static UsageTables db;
    private static UsageTrackingService tracking;

    @BeforeAll
    static void start() {
        db = new UsageTables("tracking-");
        tracking = new UsageTrackingService(new DynamoUsageEvents(db.dynamo, db.events(), 90), new OwnedPrompts(db.dynamo, db.prompts()),
                UsageTables.ONE_MODEL_PRICING, new MutableClock(NOW), 90);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static Map<String, Object> call(Object... fieldsAndValues) {
        Map<String, Object> call = new HashMap<>(Map.of("model", "test-model", "inputTokens", 1000, "outputTokens", 500));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            call.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return call;
    }

    private static JsonNode json(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    private static JsonNode batch(List<?> events) {
        return json(Map.of("events", events));
    }

    @Test
    void aCallWithoutCostIsPricedAtItsMomentAndRecorded() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);

        TrackResult result = tracking.track(owner, json(call("promptId", promptId, "metadata", Map.of("feature", "chat"))), null);

        assertEquals(1, result.recorded());
        assertEquals(new BigDecimal("0.002"), result.events().get(0).costUsd());
        var stored = db.eventsOf(owner).get(0);
        assertEquals("0.002", stored.get("costUsd").n());
        assertEquals("track", stored.get("source").s());
        assertEquals(owner + "#" + promptId, stored.get("promptKey").s());
        assertEquals("chat", stored.get("metadata").m().get("feature").s());
    }

    @Test
    void unknownModelIsRecordedWithUnknownCostBecauseTheCallHappened() {
        String owner = UsageTables.newOwner();

        TrackResult result = tracking.track(owner, json(call("model", "mystery-llm-9")), null);

        assertEquals(1, result.recorded());
        assertNull(result.events().get(0).costUsd());
        assertEquals("no price for model mystery-llm-9", result.events().get(0).costUnknownReason());
        var stored = db.eventsOf(owner).get(0);
        assertTrue(!stored.containsKey("costUsd"));
        assertEquals("no price for model mystery-llm-9", stored.get("costUnknownReason").s());
    }

    @Test
    void aReportedCostIsKeptExactly() {
        String owner = UsageTables.newOwner();

        TrackResult result = tracking.track(owner, json(call("costUsd", new BigDecimal("0.0000123"), "model", "mystery-llm-9")), null);

        assertEquals(new BigDecimal("0.0000123"), result.events().get(0).costUsd());
        assertEquals("0.0000123", db.eventsOf(owner).get(0).get("costUsd").n());
    }

    @Test
    void theSameClientEventSentTwiceIsRecordedOnce() {
        String owner = UsageTables.newOwner();
        JsonNode body = batch(List.of(call("eventId", "req-1:call.1"), call("eventId", "req-1:call.2")));

        TrackResult first = tracking.track(owner, body, null);
        TrackResult again = tracking.track(owner, body, null);

        assertEquals(2, first.recorded());
        assertEquals(0, again.recorded());
        assertEquals(2, again.duplicates());
        assertEquals(first.events().get(0).eventId(), again.events().get(0).eventId());
        assertEquals(TrackResult.Event.DUPLICATE, again.events().get(1).status());
        assertEquals(2, db.eventsOf(owner).size());
    }

    @Test
    void theSameBatchSentTwiceWithOneIdempotencyKeyIsRecordedOnce() {
        String owner = UsageTables.newOwner();
        JsonNode body = batch(List.of(call(), call(), call()));

        assertEquals(3, tracking.track(owner, body, "key-42").recorded());
        assertEquals(3, tracking.track(owner, body, "key-42").duplicates());
        assertEquals(3, tracking.track(owner, body, "key-43").recorded(), "another key is another request");
        assertEquals(6, db.eventsOf(owner).size());
    }

    @Test
    void eventIdsAreTheOwnersOwn() {
        String alice = UsageTables.newOwner();
        String bob = UsageTables.newOwner();

        String aliceId = tracking.track(alice, json(call("eventId", "shared")), null).events().get(0).eventId();
        TrackResult bobs = tracking.track(bob, json(call("eventId", "shared")), null);

        assertEquals(1, bobs.recorded());
        assertNotEquals(aliceId, bobs.events().get(0).eventId());
    }

    @Test
    void everyBadInputIsA400NamingTheFieldAndNothingIsRecorded() {
        String owner = UsageTables.newOwner();
        Map<String, Object> badMetadata = new HashMap<>(Map.of("team", "x"));
        badMetadata.put("count", 3);
        List<Map<String, Object>> bad = List.of(
                call("inputTokens", -1),
                call("outputTokens", 10_000_001),
                call("inputTokens", 1.5),
                call("inputTokens", "100"),
                call("costUsd", "cheap"),
                call("costUsd", -0.01),
                call("occurredAt", NOW.plusSeconds(301).toString()),
                call("occurredAt", NOW.minusSeconds(91L * 86_400).toString()),
                call("occurredAt", "yesterday"),
                call("metadata", badMetadata),
                call("status", "ok"),
                call("eventId", "has space"),
                call("latencyMs", 3_600_001),
                call("promptVersion", 0),
                call("colour", "red"));
        List<Map<String, Object>> events = new ArrayList<>(bad);
        events.add(0, call()); // a valid event in front: it is not recorded either

        ApiException rejected = assertThrows(ApiException.class, () -> tracking.track(owner, batch(events), null));

        assertEquals(400, rejected.type().status());
        List<String> fields = rejected.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("events[1].inputTokens", "events[2].outputTokens", "events[3].inputTokens", "events[4].inputTokens",
                "events[5].costUsd", "events[6].costUsd", "events[7].occurredAt", "events[8].occurredAt", "events[9].occurredAt",
                "events[10].metadata.count", "events[11].status", "events[12].eventId", "events[13].latencyMs", "events[14].promptVersion",
                "events[15].colour"), fields);
        assertEquals(0, db.eventsOf(owner).size());
    }

    @Test
    void aMissingModelOrTokenCountIsRequired() {
        String owner = UsageTables.newOwner();

        ApiException rejected = assertThrows(ApiException.class, () -> tracking.track(owner, json(Map.of("inputTokens", 1)), null));

        assertEquals(List.of(new FieldError("model", "is required"), new FieldError("outputTokens", "is required")), rejected.errors());
        assertEquals(0, db.eventsOf(owner).size());
    }

    @Test
    void aBatchOfTenThousandIsRefusedWhole() {
        String owner = UsageTables.newOwner();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(call());
        }

        ApiException rejected = assertThrows(ApiException.class, () -> tracking.track(owner, batch(events), null));

        assertEquals(List.of(new FieldError("events", "must be an array of 1 to 500 events (got 10000)")), rejected.errors());
        assertEquals(0, db.eventsOf(owner).size());
    }

    @Test
    void aBatchOfFiveHundredIsRecordedWhole() {
        String owner = UsageTables.newOwner();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(call("eventId", "e" + i));
        }

        assertEquals(500, tracking.track(owner, batch(events), null).recorded());
        assertEquals(500, db.eventsOf(owner).size());
    }

    @Test
    void anotherTenantsPromptIsNotFoundAndNothingIsRecorded() {
        String owner = UsageTables.newOwner();
        String mine = db.prompt(owner);
        String theirs = db.prompt(UsageTables.newOwner());

        ApiException rejected = assertThrows(ApiException.class, () -> tracking.track(owner,
                batch(List.of(call("promptId", mine), call("promptId", theirs))), null));

        assertEquals(404, rejected.type().status());
        assertEquals(0, db.eventsOf(owner).size());
    }
}
