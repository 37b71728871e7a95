package io.promptcms.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.pricing.CostEstimate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoUsageEventsTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private static UsageTables db;
    private static DynamoUsageEvents events;

    @BeforeAll
    static void start() {
        db = new UsageTables("events-");
        events = new DynamoUsageEvents(db.dynamo, db.events(), 90);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static UsageEvent event(String owner, String promptId, Instant at, CostEstimate cost) {
        return new UsageEvent(Ids.newId("evt"), owner, UsageEvent.Source.TRACK, promptId, null, "test-model", "openai",
                100, 20, cost, 350L, UsageEvent.Status.SUCCEEDED, null, at, at, Map.of("env", "prod"));
    }

    @Test
    void recordingAnEventIdTwiceWritesOnceAndReportsTheDuplicate() {
        String owner = UsageTables.newOwner();
        UsageEvent first = event(owner, null, T0, CostEstimate.known(new BigDecimal("0.00014")));
        UsageEvent sameId = new UsageEvent(first.eventId(), owner, UsageEvent.Source.TRACK, null, null, "other-model", null, 999, 999,
                CostEstimate.known(BigDecimal.TEN), null, UsageEvent.Status.FAILED, "boom", T0, T0, Map.of());

        assertTrue(events.record(first));
        assertFalse(events.record(sameId));

        List<Map<String, AttributeValue>> stored = db.eventsOf(owner);
        assertEquals(1, stored.size());
        assertEquals("test-model", stored.get(0).get("model").s());
        assertEquals("0.00014", stored.get(0).get("costUsd").n());
        assertEquals(Long.toString(T0.plus(Duration.ofDays(90)).getEpochSecond()), stored.get(0).get("expiresAt").n());
        assertFalse(stored.get(0).containsKey("promptKey"), "an event without prompt stays out of the byPrompt index");
    }

    @Test
    void unknownCostIsStoredWithoutANumberAndWithItsReason() {
        String owner = UsageTables.newOwner();
        String promptId = Ids.newId("prm");
        UsageEvent unpriced = event(owner, promptId, T0, CostEstimate.unknown("no price for model x"));

        events.record(unpriced);

        UsageEvent read = events.byPrompt(owner, promptId, 10, null).items().get(0);
        assertNull(read.cost().usd());
        assertEquals("no price for model x", read.cost().unknownReason());
        assertEquals(unpriced, read);
    }

    @Test
    void byPromptListsNewestFirstPageByPageAndRefusesAnotherPromptsCursor() {
        String owner = UsageTables.newOwner();
        String promptId = Ids.newId("prm");
        for (int i = 0; i < 5; i++) {
            events.record(event(owner, promptId, T0.plusSeconds(i), CostEstimate.known(BigDecimal.ONE)));
        }
        events.record(event(owner, Ids.newId("prm"), T0.plusSeconds(60), CostEstimate.known(BigDecimal.ONE)));

        Page<UsageEvent> first = events.byPrompt(owner, promptId, 3, null);
        Page<UsageEvent> second = events.byPrompt(owner, promptId, 3, first.nextCursor());

        assertEquals(List.of(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2)), first.items().stream().map(UsageEvent::occurredAt).toList());
        assertEquals(List.of(T0.plusSeconds(1), T0), second.items().stream().map(UsageEvent::occurredAt).toList());
        ApiException foreign = assertThrows(ApiException.class, () -> events.byPrompt(owner, Ids.newId("prm"), 3, first.nextCursor()));
        assertEquals(400, foreign.type().status());
        assertThrows(ApiException.class, () -> events.byPrompt(UsageTables.newOwner(), promptId, 3, first.nextCursor()));
    }
}
