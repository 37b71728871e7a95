package io.promptcms.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.budget.BudgetLedger;
import io.promptcms.common.Ids;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UsageAggregatorTest {

    private static final Instant MARCH_10 = Instant.parse("2026-03-10T12:00:00Z");

    private static UsageTables db;
    private static DynamoUsageEvents events;
    private static UsageAggregator aggregator;

    @BeforeAll
    static void start() {
        db = new UsageTables("aggregator-");
        events = new DynamoUsageEvents(db.dynamo, db.events(), 90);
        aggregator = new UsageAggregator(db.dynamo, db.events(), db.rollups(), db.prompts(), db.budgets(), new MutableClock(MARCH_10));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static UsageEvent recorded(String owner, UsageEvent.Source source, String promptId, String model, String cost, Instant at,
                                       UsageEvent.Status status) {
        UsageEvent event = new UsageEvent(Ids.newId("evt"), owner, source, promptId, 1L, model, null, 1000, 200,
                cost == null ? CostEstimate.unknown("no price") : CostEstimate.known(new BigDecimal(cost)), 120L, status, null, at, at, Map.of());
        assertTrue(events.record(event));
        return event;
    }

    private static UsageEvent recorded(String owner, String promptId, String cost) {
        return recorded(owner, UsageEvent.Source.TRACK, promptId, "test-model", cost, MARCH_10, UsageEvent.Status.SUCCEEDED);
    }

    private static void applyAll(List<UsageEvent> batch) {
        batch.forEach(aggregator::apply);
    }

    private static void assertRollup(String key, String day, long runs, long failed, long in, long out, String cost, long unpriced) {
        Map<String, AttributeValue> item = db.rollup(key, day);
        UsageTotals stored = UsageTotals.fromItem(item);
        // DynamoDB keeps numbers without trailing zeros (0.60 is stored as 0.6): the cost is compared by value
        assertEquals(0, new BigDecimal(cost).compareTo(stored.costUsd()), key + " " + day + " cost " + stored.costUsd());
        assertEquals(new UsageTotals(runs, failed, in, out, stored.costUsd(), unpriced), stored, key + " " + day);
    }

    @Test
    void aBatchAppliedTwiceCountsEachEventOnce() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);
        List<UsageEvent> batch = List.of(
                recorded(owner, promptId, "0.0012"),
                recorded(owner, promptId, "0.0000005"),
                recorded(owner, UsageEvent.Source.TRACK, promptId, "test-model", null, MARCH_10, UsageEvent.Status.FAILED),
                recorded(owner, null, "1.5"));

        applyAll(batch);
        assertEquals(List.of(UsageAggregator.Outcome.ALREADY_COUNTED), batch.stream().map(aggregator::apply).distinct().toList());

        assertRollup(owner + "#all", "2026-03-10", 4, 1, 4000, 800, "1.5012005", 1);
        assertRollup(owner + "#m#test-model", "2026-03-10", 4, 1, 4000, 800, "1.5012005", 1);
        assertRollup(owner + "#p#" + promptId, "2026-03-10", 3, 1, 3000, 600, "0.0012005", 1);
        assertRollup(owner + "#mp#test-model#" + promptId, "2026-03-10", 3, 1, 3000, 600, "0.0012005", 1);
        Map<String, AttributeValue> prompt = db.promptItem(promptId);
        assertEquals("3", prompt.get("usageCount").n());
        assertEquals(new BigDecimal("0.0012005"), new BigDecimal(prompt.get("totalCostUsd").n()));
        assertEquals("3", prompt.get("usageRevision").n());
        assertEquals("1", prompt.get("revision").n(), "usage never changes the revision editors send as If-Match");
        assertEquals("2026-03-10T12:00:00.000Z", prompt.get("lastRunAt").s());
    }

    @Test
    void aRedeliveredBatchWithSomeEventsAlreadyCountedCountsOnlyTheRest() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);
        UsageEvent first = recorded(owner, promptId, "0.10");
        UsageEvent second = recorded(owner, promptId, "0.20");
        UsageEvent third = recorded(owner, promptId, "0.30");
        aggregator.apply(first); // the earlier delivery failed after this one

        applyAll(List.of(first, second, third));

        assertRollup(owner + "#p#" + promptId, "2026-03-10", 3, 0, 3000, 600, "0.60", 0);
        assertEquals("3", db.promptItem(promptId).get("usageCount").n());
        assertEquals(0, new BigDecimal("0.60").compareTo(new BigDecimal(db.promptItem(promptId).get("totalCostUsd").n())));
    }

    @Test
    void usageOfADeletedPromptStillCountsForTheOwnerAndModel() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);
        UsageEvent event = recorded(owner, promptId, "0.25");
        db.dynamo.deleteItem(b -> b.tableName(db.prompts()).key(Map.of("id", AttributeValue.fromS(promptId))));

        assertEquals(UsageAggregator.Outcome.COUNTED, aggregator.apply(event));
        assertEquals(UsageAggregator.Outcome.ALREADY_COUNTED, aggregator.apply(event));

        assertRollup(owner + "#all", "2026-03-10", 1, 0, 1000, 200, "0.25", 0);
        assertTrue(db.rollup(owner + "#p#" + promptId, "2026-03-10").isEmpty());
        assertTrue(db.promptItem(promptId).isEmpty(), "no ghost prompt is created by counters or lastRunAt");
    }

    @Test
    void anotherOwnersPromptIdGainsNothing() {
        String owner = UsageTables.newOwner();
        String theirs = db.prompt(UsageTables.newOwner());

        aggregator.apply(recorded(owner, theirs, "0.25"));

        assertEquals("0", db.promptItem(theirs).get("usageCount").n());
        assertFalse(db.promptItem(theirs).containsKey("lastRunAt"));
    }

    @Test
    void trackedSpendGoesToTheBudgetLedgerAndRunsDoNot() {
        String owner = UsageTables.newOwner();
        aggregator.apply(recorded(owner, UsageEvent.Source.TRACK, null, "test-model", "0.40", MARCH_10, UsageEvent.Status.SUCCEEDED));
        aggregator.apply(recorded(owner, UsageEvent.Source.TRACK, null, "test-model", "0.05", MARCH_10, UsageEvent.Status.SUCCEEDED));
        aggregator.apply(recorded(owner, UsageEvent.Source.TRACK, null, "mystery", null, MARCH_10, UsageEvent.Status.SUCCEEDED));
        aggregator.apply(recorded(owner, UsageEvent.Source.RUN, null, "test-model", "7.00", MARCH_10, UsageEvent.Status.SUCCEEDED));

        Map<String, AttributeValue> ledger = db.dynamo.getItem(b -> b.tableName(db.budgets())
                .key(BudgetLedger.ledgerKey(BudgetLedger.userScope(owner), "2026-03"))).item();

        assertEquals(new BigDecimal("0.45"), new BigDecimal(ledger.get(BudgetLedger.COMMITTED_USD).n()));
        assertRollup(owner + "#all", "2026-03-10", 4, 0, 4000, 800, "7.45", 1);
    }

    @Test
    void lastRunAtIsTheLatestCallWhateverTheOrderOfArrival() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);
        UsageEvent later = recorded(owner, UsageEvent.Source.RUN, promptId, "test-model", "0.1", MARCH_10.plusSeconds(3600), UsageEvent.Status.SUCCEEDED);
        UsageEvent earlier = recorded(owner, UsageEvent.Source.RUN, promptId, "test-model", "0.1", MARCH_10.minusSeconds(86_400), UsageEvent.Status.SUCCEEDED);

        applyAll(List.of(later, earlier));

        assertEquals("2026-03-10T13:00:00.000Z", db.promptItem(promptId).get("lastRunAt").s());
        assertRollup(owner + "#p#" + promptId, "2026-03-09", 1, 0, 1000, 200, "0.1", 0);
        assertRollup(owner + "#p#" + promptId, "2026-03-10", 1, 0, 1000, 200, "0.1", 0);
    }
}
