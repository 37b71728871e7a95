package io.promptcms.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fifty runs at once against a nearly spent budget with a hard stop: each reserves its estimated maximum, then
 * settles to a random actual cost at most that estimate. The hold is one conditional write, so the month never
 * commits more than the limit, whatever the interleaving.
 */
class BudgetHardStopConcurrencyTest {

    private static final int RUNS = 50;
    private static final BigDecimal LIMIT = new BigDecimal("1.00");
    private static final BigDecimal ALREADY_SPENT = new BigDecimal("0.95");
    private static final BigDecimal ESTIMATE = new BigDecimal("0.004");

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        table = TemplateTables.create(dynamo, "budget-race-").name("BudgetsTable");
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    @Test
    void fiftyConcurrentRunsNeverOvershootAHardStop() throws Exception {
        Clock clock = Clock.systemUTC();
        BudgetService budgets = new BudgetService(dynamo, table, clock);
        String owner = Ids.newId("usr");
        budgets.put(owner, BudgetInput.of(LIMIT, null, true, null));
        dynamo.transactWriteItems(r -> r.transactItems(t -> t.update(
                BudgetLedger.addSettledSpend(table, BudgetLedger.userScope(owner), clock.instant(), ALREADY_SPENT))));

        List<BigDecimal> settled = new CopyOnWriteArrayList<>();
        List<ApiException> refusals = new CopyOnWriteArrayList<>();
        AtomicReference<BigDecimal> highestCommittedSeen = new AtomicReference<>(BigDecimal.ZERO);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RUNS + 1);
        try {
            Future<?> watcher = pool.submit(() -> {
                while (running.get()) {
                    BigDecimal committed = budgets.view(owner).month().committedUsd();
                    highestCommittedSeen.accumulateAndGet(committed, BigDecimal::max);
                }
            });
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                Random random = new Random(i);
                runs.add(pool.submit(() -> {
                    start.await();
                    try {
                        Reservation reservation = budgets.reserve(owner, "gpt-4o-mini", true, ESTIMATE);
                        // between half the estimate and all of it: the provider used fewer output tokens than max_tokens
                        BigDecimal actual = ESTIMATE.multiply(BigDecimal.valueOf(0.5 + random.nextDouble() / 2)).setScale(6, RoundingMode.DOWN);
                        budgets.settle(reservation, actual);
                        settled.add(actual);
                    } catch (ApiException refused) {
                        refusals.add(refused);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
            running.set(false);
            watcher.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        MonthSpend month = budgets.view(owner).month();
        BigDecimal settledTotal = settled.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(RUNS, settled.size() + refusals.size());
        assertEquals(0, ALREADY_SPENT.add(settledTotal).compareTo(month.committedUsd()),
                "every settlement landed exactly once: " + ALREADY_SPENT + " + " + settledTotal + " vs " + month.committedUsd());
        assertTrue(month.spentUsd().compareTo(LIMIT) <= 0, "settled spend " + month.spentUsd() + " is within the limit");
        assertTrue(highestCommittedSeen.get().compareTo(LIMIT) <= 0, "committed never went past the limit, highest seen " + highestCommittedSeen.get());
        assertEquals(0, month.reservedUsd().signum(), "no reservation is left open");
        // 12 holds of $0.004 fit in the $0.05 left even if none had settled; each run costs at least $0.002, so at most 25 fit
        assertTrue(settled.size() >= 12 && settled.size() <= 25, settled.size() + " runs went ahead");
        refusals.forEach(refused -> assertEquals(ProblemType.BUDGET_EXCEEDED, refused.type(), refused.getMessage()));
    }
}
