package io.promptcms.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.Json;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.MutableClock;
import io.promptcms.testing.TemplateTables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class BudgetServiceTest {

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static String table;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-14T10:00:00Z"));
    private final String alice = Ids.newId("usr");
    private BudgetService budgets;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        table = TemplateTables.create(dynamo, "budgets-").name("BudgetsTable");
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    @BeforeEach
    void service() {
        budgets = new BudgetService(dynamo, table, clock);
    }

    @Test
    void withoutABudgetRunsAreTrackedAndStatusIsOk() {
        Reservation reservation = budgets.reserve(alice, "gpt-4o", true, usd("0.02"));
        assertUsd("0.02", budgets.view(alice).month().reservedUsd());

        BudgetCheck check = budgets.settle(reservation, usd("0.015"));

        assertEquals(BudgetStatus.OK, check.status());
        assertNull(check.limitUsd());
        assertUsd("0.015", check.committedUsd());
        BudgetView view = budgets.view(alice);
        assertNull(view.budget());
        assertUsd("0.015", view.month().spentUsd());
        assertEquals(0, view.month().reservedUsd().signum());
        assertEquals("2025-03", view.month().period());
        assertEquals("2025-04-01T00:00:00.000Z", view.month().resetsAt());
        assertNull(view.remainingUsd());
        assertEquals(BudgetStatus.OK, view.status());
    }

    @Test
    void aBudgetReadsBackWithItsDefaults() {
        budgets.put(alice, BudgetInput.of(usd("25"), null, null, null));

        Budget budget = budgets.view(alice).budget();

        assertUsd("25", budget.limitUsd());
        assertEquals(80, budget.warnAtPercent());
        assertFalse(budget.hardStop());
        assertFalse(budget.allowUnpricedModels());
        assertEquals("2025-03-14T10:00:00.000Z", budget.updatedAt());
    }

    @Test
    void spendPastTheWarningThresholdIsAWarning() {
        budgets.put(alice, BudgetInput.of(usd("10"), 50, true, null));
        spend(alice, "4.99");
        assertEquals(BudgetStatus.OK, budgets.view(alice).status());

        BudgetCheck check = budgets.settle(budgets.reserve(alice, "gpt-4o", true, usd("0.05")), usd("0.01"));

        assertEquals(BudgetStatus.WARNING, check.status());
        assertUsd("10", check.limitUsd());
        assertEquals(50, check.warnAtPercent());
        BudgetView view = budgets.view(alice);
        assertEquals(new BigDecimal("50.00"), view.percentUsed());
        assertUsd("5.00", view.remainingUsd());
    }

    @Test
    void withoutAHardStopARunPastTheLimitGoesAheadAndIsExceeded() {
        budgets.put(alice, BudgetInput.of(usd("1"), null, false, null));
        spend(alice, "0.99");

        BudgetCheck check = budgets.settle(budgets.reserve(alice, "gpt-4o", true, usd("0.50")), usd("0.30"));

        assertEquals(BudgetStatus.EXCEEDED, check.status());
        assertUsd("1.29", check.committedUsd());
        assertEquals(0, budgets.view(alice).remainingUsd().signum());
    }

    @Test
    void underAHardStopARunThatWouldPassTheLimitIsRefusedAndHoldsNothing() {
        budgets.put(alice, BudgetInput.of(usd("1"), null, true, null));
        spend(alice, "0.98");

        ApiException refused = assertThrows(ApiException.class, () -> budgets.reserve(alice, "gpt-4o", true, usd("0.03")));

        assertEquals(ProblemType.BUDGET_EXCEEDED, refused.type());
        assertEquals("this run's estimated maximum cost of $0.03 (model gpt-4o) would take this month past the limit: your monthly"
                + " budget for 2025-03 has a hard stop at $1.00 and $0.98 is already committed (spent plus runs in flight)", refused.getMessage());
        assertUsd("0.98", budgets.view(alice).month().committedUsd());
        BudgetCheck fitsExactly = budgets.settle(budgets.reserve(alice, "gpt-4o", true, usd("0.02")), usd("0.02"));
        assertEquals(BudgetStatus.EXCEEDED, fitsExactly.status(), "a run that fits exactly is allowed, and the budget is then used up");
        assertUsd("1", fitsExactly.committedUsd());
    }

    @Test
    void anEstimateLargerThanTheWholeLimitIsRefused() {
        budgets.put(alice, BudgetInput.of(usd("0.50"), null, true, null));

        ApiException refused = assertThrows(ApiException.class, () -> budgets.reserve(alice, "claude-opus-4", true, usd("0.75")));

        assertEquals(ProblemType.BUDGET_EXCEEDED, refused.type());
        assertTrue(refused.getMessage().contains("is more than the whole monthly limit"), refused.getMessage());
        assertEquals(0, budgets.view(alice).month().committedUsd().signum());
    }

    @Test
    void anUnpricedModelIsRefusedUnderAHardStop() {
        budgets.put(alice, BudgetInput.of(usd("5"), null, true, null));

        ApiException refused = assertThrows(ApiException.class, () -> budgets.reserve(alice, "my-finetune", false, null));

        assertEquals(ProblemType.BUDGET_EXCEEDED, refused.type());
        assertTrue(refused.getMessage().startsWith("model my-finetune has no known price"), refused.getMessage());
        assertTrue(refused.getMessage().contains("allowUnpricedModels"), refused.getMessage());
    }

    @Test
    void anUnpricedModelRunsWhenTheBudgetAllowsItAndCountsNothing() {
        budgets.put(alice, BudgetInput.of(usd("5"), null, true, true));

        BudgetCheck check = budgets.settle(budgets.reserve(alice, "my-finetune", false, null), null);

        assertEquals(BudgetStatus.OK, check.status());
        assertEquals(0, budgets.view(alice).month().committedUsd().signum());
    }

    @Test
    void anUnpricedModelRunsWithoutAHardStop() {
        budgets.put(alice, BudgetInput.of(usd("5"), null, false, false));

        Reservation reservation = budgets.reserve(alice, "my-finetune", false, null);

        assertEquals(0, reservation.estimatedUsd().signum());
        assertEquals(BudgetStatus.OK, budgets.release(reservation).status());
    }

    @Test
    void aPricedRunWhoseCostWentUnreportedSettlesToItsReservedMaximum() {
        budgets.settle(budgets.reserve(alice, "gpt-4o", true, usd("0.04")), null);

        BudgetView view = budgets.view(alice);
        assertUsd("0.04", view.month().spentUsd());
        assertEquals(0, view.month().reservedUsd().signum());
    }

    @Test
    void aReleasedReservationGivesItsHoldBack() {
        budgets.put(alice, BudgetInput.of(usd("1"), null, true, null));
        Reservation reservation = budgets.reserve(alice, "gpt-4o", true, usd("0.9"));
        assertThrows(ApiException.class, () -> budgets.reserve(alice, "gpt-4o", true, usd("0.2")), "the open reservation counts");

        budgets.release(reservation);

        assertEquals(0, budgets.view(alice).month().committedUsd().signum());
        budgets.reserve(alice, "gpt-4o", true, usd("0.2"));
    }

    @Test
    void aNewMonthStartsFromZeroAndARunSettlesInTheMonthItReserved() {
        budgets.put(alice, BudgetInput.of(usd("1"), null, true, null));
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-03-31T23:59:59Z")));
        spend(alice, "0.9");
        Reservation lateRun = budgets.reserve(alice, "gpt-4o", true, usd("0.1"));

        clock.advance(Duration.ofSeconds(2));
        BudgetView april = budgets.view(alice);
        assertEquals("2025-04", april.month().period());
        assertEquals("2025-05-01T00:00:00.000Z", april.month().resetsAt());
        assertEquals(0, april.month().committedUsd().signum());
        Reservation aprilRun = budgets.reserve(alice, "gpt-4o", true, usd("1"));
        budgets.settle(lateRun, usd("0.05"));

        assertUsd("1", budgets.view(alice).month().committedUsd(), "March's run never lands in April");
        budgets.release(aprilRun);
        clock.advance(Duration.ofDays(-1));
        MonthSpend march = budgets.view(alice).month();
        assertUsd("0.95", march.spentUsd());
        assertEquals(0, march.reservedUsd().signum());
    }

    @Test
    void budgetsBelongToTheirOwner() {
        String bob = Ids.newId("usr");
        budgets.put(alice, BudgetInput.of(usd("1"), null, true, null));
        spend(alice, "1");

        budgets.settle(budgets.reserve(bob, "gpt-4o", true, usd("5")), usd("5"));

        assertNull(budgets.view(bob).budget());
        assertUsd("1", budgets.view(alice).month().committedUsd());
        assertTrue(budgets.delete(alice));
        assertFalse(budgets.delete(alice));
        assertNull(budgets.view(alice).budget());
        assertUsd("1", budgets.view(alice).month().spentUsd(), "deleting the budget keeps the month's spend");
    }

    @Test
    void invalidBudgetsAreRefusedFieldByField() {
        assertEquals(List.of(new FieldError("limitUsd", "is required")), errors("{}"));
        assertEquals(List.of(new FieldError("limitUsd", "must be more than 0")), errors("{\"limitUsd\": 0}"));
        assertEquals(List.of(new FieldError("limitUsd", "must be more than 0")), errors("{\"limitUsd\": -3}"));
        assertEquals(List.of(new FieldError("limitUsd", "must be at most 1000000")), errors("{\"limitUsd\": 1000000.01}"));
        assertEquals(List.of(new FieldError("limitUsd", "must have at most 6 decimals")), errors("{\"limitUsd\": 0.1234567}"));
        assertEquals(List.of(new FieldError("limitUsd", "must be a number of US dollars")), errors("{\"limitUsd\": \"10\"}"));
        assertEquals(List.of(
                new FieldError("warnAtPercent", "must be a whole number from 1 to 100"),
                new FieldError("hardStop", "must be true or false"),
                new FieldError("allowUnpricedModels", "must be true or false")),
                errors("{\"limitUsd\": 10, \"warnAtPercent\": 80.5, \"hardStop\": \"true\", \"allowUnpricedModels\": 1}"));
        assertEquals(List.of(new FieldError("warnAtPercent", "must be a whole number from 1 to 100")), errors("{\"limitUsd\": 10, \"warnAtPercent\": 0}"));
        assertEquals(List.of(new FieldError("warnAtPercent", "must be a whole number from 1 to 100")), errors("{\"limitUsd\": 10, \"warnAtPercent\": 101}"));
        assertNull(budgets.view(alice).budget(), "nothing was stored");
    }

    @Test
    void limitsKeepTheirExactDecimals() {
        budgets.put(alice, input("{\"limitUsd\": 999999.999999, \"warnAtPercent\": 100}"));
        assertEquals(new BigDecimal("999999.999999"), budgets.view(alice).budget().limitUsd());

        budgets.put(alice, input("{\"limitUsd\": 1e3}"));
        assertEquals("1000", budgets.view(alice).budget().limitUsd().toPlainString());
    }

    private List<FieldError> errors(String json) {
        ApiException e = assertThrows(ApiException.class, () -> budgets.put(alice, input(json)));
        assertEquals(ProblemType.VALIDATION, e.type());
        return e.errors();
    }

    private static BudgetInput input(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return new BudgetInput(node.get("limitUsd"), node.get("warnAtPercent"), node.get("hardStop"), node.get("allowUnpricedModels"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Settled spend already on this month's ledger, as the usage aggregator adds it for tracked calls. */
    private void spend(String owner, String usd) {
        dynamo.transactWriteItems(r -> r.transactItems(t -> t.update(
                BudgetLedger.addSettledSpend(table, BudgetLedger.userScope(owner), clock.instant(), usd(usd)))));
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    /** Amounts compare by value: DynamoDB may answer 5 for 5.00. */
    private static void assertUsd(String expected, BigDecimal actual) {
        assertUsd(expected, actual, null);
    }

    private static void assertUsd(String expected, BigDecimal actual, String message) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), (message == null ? "" : message + ": ") + "expected $" + expected + ", got $" + actual);
    }
}
