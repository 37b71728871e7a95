package io.promptcms.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.prompt.OwnedPrompts;
import io.promptcms.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageStatsTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-31T18:00:00Z"));

    private static UsageTables db;
    private static DynamoUsageEvents events;
    private static UsageAggregator aggregator;
    private static UsageStatsService stats;

    @BeforeAll
    static void start() {
        db = new UsageTables("stats-");
        events = new DynamoUsageEvents(db.dynamo, db.events(), 90);
        aggregator = new UsageAggregator(db.dynamo, db.events(), db.rollups(), db.prompts(), db.budgets(), CLOCK);
        stats = new UsageStatsService(db.dynamo, db.rollups(), new OwnedPrompts(db.dynamo, db.prompts()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void counted(String owner, String promptId, String model, String at, String cost) {
        Instant when = Instant.parse(at);
        UsageEvent event = new UsageEvent(Ids.newId("evt"), owner, UsageEvent.Source.TRACK, promptId, null, model, null, 100, 10,
                cost == null ? CostEstimate.unknown("no price") : CostEstimate.known(new BigDecimal(cost)), null, UsageEvent.Status.SUCCEEDED,
                null, when, when, Map.of());
        events.record(event);
        aggregator.apply(event);
    }

    private static UsageStatsView query(String owner, String... parameters) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        return stats.stats(owner, StatsQuery.parse(map, CLOCK));
    }

    @Test
    void totalsAndADailySeriesWithEmptyDaysOfTheLast30Days() {
        String owner = UsageTables.newOwner();
        counted(owner, null, "a", "2026-03-02T10:00:00Z", "0.1");
        counted(owner, null, "b", "2026-03-02T23:59:59Z", "0.0000001");
        counted(owner, null, "a", "2026-03-31T00:00:00Z", null);
        counted(owner, null, "a", "2026-03-01T23:59:59Z", "5"); // one day before the default range

        UsageStatsView view = query(owner);

        assertEquals("2026-03-02", view.from());
        assertEquals("2026-03-31", view.to());
        assertEquals("day", view.groupBy());
        assertEquals(new UsageTotals(3, 0, 300, 30, new BigDecimal("0.1000001"), 1), view.totals());
        assertEquals(30, view.series().size());
        assertEquals(new UsageStatsView.Point("2026-03-02", 2, 0, 200, 20, new BigDecimal("0.1000001"), 0), view.series().get(0));
        assertEquals(new UsageStatsView.Point("2026-03-03", 0, 0, 0, 0, BigDecimal.ZERO, 0), view.series().get(1));
        assertEquals(new UsageStatsView.Point("2026-03-31", 1, 0, 100, 10, BigDecimal.ZERO, 1), view.series().get(29));
    }

    @Test
    void weeksStartOnMondayAndMonthsAreCalendarMonths() {
        String owner = UsageTables.newOwner();
        counted(owner, null, "a", "2026-01-04T12:00:00Z", "1"); // Sunday: week of Monday 2025-12-29
        counted(owner, null, "a", "2026-01-05T12:00:00Z", "2"); // Monday
        counted(owner, null, "a", "2026-02-28T12:00:00Z", "4");

        UsageStatsView weeks = query(owner, "from", "2026-01-01", "to", "2026-01-11", "groupBy", "week");
        UsageStatsView months = query(owner, "from", "2026-01-01T08:00:00Z", "to", "2026-03-31", "groupBy", "month");

        assertEquals(List.of("2025-12-29", "2026-01-05"), weeks.series().stream().map(UsageStatsView.Point::period).toList());
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("2")), weeks.series().stream().map(UsageStatsView.Point::costUsd).toList());
        assertEquals(List.of("2026-01", "2026-02", "2026-03"), months.series().stream().map(UsageStatsView.Point::period).toList());
        assertEquals(List.of(2L, 1L, 0L), months.series().stream().map(UsageStatsView.Point::runs).toList());
        assertEquals(new BigDecimal("7"), months.totals().costUsd());
    }

    @Test
    void filtersByModelByPromptAndByBoth() {
        String owner = UsageTables.newOwner();
        String promptId = db.prompt(owner);
        counted(owner, promptId, "a", "2026-03-30T12:00:00Z", "1");
        counted(owner, promptId, "b", "2026-03-30T12:00:00Z", "2");
        counted(owner, null, "a", "2026-03-30T12:00:00Z", "4");

        assertEquals(new BigDecimal("5"), query(owner, "model", "a").totals().costUsd());
        assertEquals(new BigDecimal("3"), query(owner, "promptId", promptId).totals().costUsd());
        UsageStatsView both = query(owner, "promptId", promptId, "model", "b");
        assertEquals(new BigDecimal("2"), both.totals().costUsd());
        assertEquals(new UsageStatsView.Filters("b", promptId), both.filters());
        assertEquals(new BigDecimal("7"), query(owner).totals().costUsd());
    }

    @Test
    void anotherOwnersUsageIsNeverCountedAndTheirPromptIsNotFound() {
        String alice = UsageTables.newOwner();
        String bob = UsageTables.newOwner();
        String bobsPrompt = db.prompt(bob);
        counted(bob, bobsPrompt, "a", "2026-03-30T12:00:00Z", "9");

        assertEquals(UsageTotals.ZERO.runs(), query(alice).totals().runs());
        assertEquals(BigDecimal.ZERO, query(alice, "model", "a").totals().costUsd());
        ApiException notFound = assertThrows(ApiException.class, () -> query(alice, "promptId", bobsPrompt));
        assertEquals(404, notFound.type().status());
    }

    @Test
    void badParametersAre400() {
        String owner = UsageTables.newOwner();
        assertEquals(List.of(new FieldError("team", "teams are not available yet")), errors(owner, "team", "tea_1"));
        assertEquals("colour", errors(owner, "colour", "red").get(0).field());
        assertEquals("groupBy", errors(owner, "groupBy", "year").get(0).field());
        assertEquals("from", errors(owner, "from", "2026-03-02", "to", "2026-03-01").get(0).field());
        assertEquals("from", errors(owner, "from", "2025-01-01", "to", "2026-01-02").get(0).field());
        assertEquals("to", errors(owner, "to", "31/03/2026").get(0).field());
        assertEquals(366, query(owner, "from", "2025-01-01", "to", "2026-01-01").series().size(), "366 days is the longest range");
    }

    private static List<FieldError> errors(String owner, String... parameters) {
        return assertThrows(ApiException.class, () -> query(owner, parameters)).errors();
    }
}
