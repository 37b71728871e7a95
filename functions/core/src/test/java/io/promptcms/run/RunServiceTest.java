package io.promptcms.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.budget.BudgetInput;
import io.promptcms.budget.BudgetService;
import io.promptcms.budget.BudgetStatus;
import io.promptcms.budget.MonthSpend;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.PriceOverrides;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.run.provider.Completion;
import io.promptcms.run.provider.ModelProvider;
import io.promptcms.run.provider.ModelProviders;
import io.promptcms.run.provider.OfflineProvider;
import io.promptcms.run.provider.ProviderException;
import io.promptcms.run.provider.ProviderRouter;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import io.promptcms.tokens.TokenCounter;
import io.promptcms.usage.DynamoUsageEvents;
import io.promptcms.usage.UsageEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs against DynamoDB (moto) with the real catalog, tokenizer, budgets and event store: what a run records, what
 * it reserves and settles, and that every refusal (bad input, budget, another user's prompt) spends and records
 * nothing. Providers are the offline one, or a stand-in for a provider's failure.
 */
class RunServiceTest {

    private static final String TEMPLATE = "Write a {{tone}} haiku about {{subject}}.";
    private static final Map<String, Object> VARIABLES = Map.of("tone", "wistful", "subject", "autumn rain");

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static S3Client unreachableS3;
    private static PromptService prompts;
    private static PriceCatalog catalog;
    private static TokenCounter tokens;
    private static BudgetService budgets;
    private static DynamoUsageEvents events;
    private static ModelProviders offline;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        var tables = TemplateTables.create(dynamo, "run-");
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        var clock = Clock.systemUTC();
        prompts = new PromptService(new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                tables.prompts(), tables.versions()), new S3ContentStore(unreachableS3, "bucket"),
                new DynamoCollectionLookup(dynamo, tables.collections()), clock);
        catalog = PriceCatalog.shipped(PriceOverrides.NONE, clock);
        tokens = new TokenCounter(catalog::find);
        budgets = new BudgetService(dynamo, tables.name("BudgetsTable"), clock);
        events = new DynamoUsageEvents(dynamo, tables.name("UsageEventsTable"), 90);
        Env env = Env.of(Map.of(EnvNames.MODEL_PROVIDER_MODE, "offline"));
        offline = new ModelProviders(env, new AwsClients(env), (model, text) -> tokens.chatInputTokens(model, text).tokens());
    }

    @AfterAll
    static void stop() {
        unreachableS3.close();
        local.shutdown();
    }

    @Test
    void anOfflineRunAnswersRecordsTheRunAndSettlesTheBudgetToItsCost() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");

        RunResult run = service(offline).run(user, promptId, options(VARIABLES, null, null));

        assertTrue(run.offline());
        assertTrue(run.output().startsWith(OfflineProvider.MARKER), run.output());
        assertEquals("gpt-4o", run.model());
        assertEquals("tokenizer", run.usage().reportedBy(), "offline counts are our tokenizer's");
        assertEquals(tokens.chatInputTokens("gpt-4o", "Write a wistful haiku about autumn rain.").tokens(), run.usage().inputTokens());
        BigDecimal expected = catalog.cost("gpt-4o", Instant.now(), run.usage().inputTokens(), run.usage().outputTokens()).usd();
        assertEquals(0, expected.compareTo(run.costUsd()));
        assertEquals(BudgetStatus.OK, run.budget().status());

        List<UsageEvent> recorded = events.byPrompt(user, promptId, 10, null).items();
        assertEquals(1, recorded.size());
        assertEquals(run.runId(), recorded.getFirst().eventId());
        assertEquals(UsageEvent.Source.RUN, recorded.getFirst().source());
        assertEquals(0, run.costUsd().compareTo(recorded.getFirst().cost().usd()));
        MonthSpend month = budgets.view(user).month();
        assertEquals(0, run.costUsd().compareTo(month.spentUsd()), "the reservation settled to the actual cost");
        assertEquals(0, month.reservedUsd().signum());
    }

    @Test
    void thePreviewCountsWhatTheRunSendsAndItsRangeHoldsTheRunsCost() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o-mini");

        CostPreview preview = service(offline).preview(user, promptId, new RunOptions(VARIABLES, null, 300, null, 100));
        RunResult run = service(offline).run(user, promptId, options(VARIABLES, null, 300));

        assertEquals(preview.inputTokens().count(), run.usage().inputTokens());
        assertEquals(preview.lowUsd(), preview.expectedUsd(), "an exact tokenizer has no input range");
        assertTrue(run.costUsd().compareTo(preview.highUsd()) <= 0, run.costUsd() + " > " + preview.highUsd());
        assertEquals(100, preview.expectedOutputTokens());
        assertEquals(300, preview.maxTokens());
    }

    @Test
    void aModelWithoutAPublicTokenizerIsPreviewedAsALabelledEstimateRange() {
        String user = newUser();
        String promptId = prompt(user, "claude-sonnet-4-5");

        CostPreview preview = service(offline).preview(user, promptId, options(VARIABLES, null, null));

        assertTrue(preview.inputTokens().estimate());
        assertTrue(preview.inputTokens().method().startsWith("estimate"), preview.inputTokens().method());
        assertTrue(preview.inputTokens().low() < preview.inputTokens().high());
        assertTrue(preview.lowUsd().compareTo(preview.expectedUsd()) < 0);
    }

    @Test
    void aRunNamingAnotherModelUsesItAndAnUnknownModelIsRefused() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");

        assertEquals("gpt-4o-mini", service(offline).run(user, promptId, options(VARIABLES, "GPT-4o-mini", null)).model());
        ApiException unknown = assertThrows(ApiException.class, () -> service(offline).run(user, promptId, options(VARIABLES, "gpt-17-ultra", null)));
        assertEquals(List.of("model"), fields(unknown));
        assertEquals(1, events.byPrompt(user, promptId, 10, null).items().size(), "only the run that ran is recorded");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsReservedCalledOrRecorded() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");
        AtomicInteger calls = new AtomicInteger();
        RunService service = service(router(false, request -> {
            calls.incrementAndGet();
            throw new AssertionError("the provider must not be called");
        }));

        assertEquals(List.of("variables.subject"), fields(assertThrows(ApiException.class,
                () -> service.run(user, promptId, options(Map.of("tone", "dry"), null, null)))));
        assertEquals(List.of("variables.subject"), fields(assertThrows(ApiException.class,
                () -> service.run(user, promptId, options(Map.of("tone", "dry", "subject", "{{tone}}"), null, null)))));
        Map<String, Object> notAString = new HashMap<>(VARIABLES);
        notAString.put("tone", 7);
        assertEquals(List.of("variables.tone"), fields(assertThrows(ApiException.class, () -> service.run(user, promptId, options(notAString, null, null)))));
        assertEquals(List.of("maxTokens"), fields(assertThrows(ApiException.class, () -> service.run(user, promptId, options(VARIABLES, null, 0)))));
        assertEquals(List.of("maxTokens"), fields(assertThrows(ApiException.class, () -> service.run(user, promptId, options(VARIABLES, null, 16_385)))));
        assertEquals(List.of("temperature"), fields(assertThrows(ApiException.class,
                () -> service.run(user, promptId, new RunOptions(VARIABLES, null, null, 2.5, null)))));

        assertEquals(0, calls.get());
        assertEquals(0, events.byPrompt(user, promptId, 10, null).items().size());
        assertEquals(0, budgets.view(user).month().committedUsd().signum());
    }

    @Test
    void anotherUsersPromptIsNotFoundToRunPreviewOrList() {
        String owner = newUser();
        String promptId = prompt(owner, "gpt-4o");
        String stranger = newUser();

        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> service(offline).run(stranger, promptId, options(VARIABLES, null, null))).type());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> service(offline).preview(stranger, promptId, options(VARIABLES, null, null))).type());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> service(offline).history(stranger, promptId, 10, null)).type());
        assertEquals(0, events.byPrompt(owner, promptId, 10, null).items().size());
        assertEquals(0, budgets.view(stranger).month().committedUsd().signum());
    }

    @Test
    void aProviderErrorIsA502WithItsMessageRecordedAsAFailedRunWithItsReservationReleased() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");
        RunService failing = service(router(false, request -> {
            throw new ProviderException("openai", 400, "invalid_request_error", "This model's maximum context length is 128000 tokens", false);
        }));

        ApiException e = assertThrows(ApiException.class, () -> failing.run(user, promptId, options(VARIABLES, null, null)));

        assertEquals(ProblemType.PROVIDER_ERROR, e.type());
        assertTrue(e.getMessage().contains("maximum context length"), e.getMessage());
        List<UsageEvent> recorded = events.byPrompt(user, promptId, 10, null).items();
        assertEquals(1, recorded.size());
        assertEquals(UsageEvent.Status.FAILED, recorded.getFirst().status());
        assertTrue(e.getMessage().contains(recorded.getFirst().eventId()), "the problem names the recorded run");
        MonthSpend month = budgets.view(user).month();
        assertEquals(0, month.committedUsd().signum());
        assertEquals(0, month.reservedUsd().signum());
    }

    @Test
    void aHardStopRefusesARunThatCouldExceedItWithoutCallingTheProvider() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");
        budgets.put(user, BudgetInput.of(new BigDecimal("0.001"), 80, true, false));
        AtomicInteger calls = new AtomicInteger();
        RunService service = service(router(false, request -> {
            calls.incrementAndGet();
            return new Completion("never", 1, 1, true, "end_turn", "openai", false);
        }));

        // the worst case is 1,024 output tokens at $10 per million: about a cent, over a tenth of a cent's budget
        ApiException e = assertThrows(ApiException.class, () -> service.run(user, promptId, options(VARIABLES, null, null)));

        assertEquals(ProblemType.BUDGET_EXCEEDED, e.type());
        assertEquals(0, calls.get());
        assertEquals(0, events.byPrompt(user, promptId, 10, null).items().size());
        assertEquals(0, service.run(user, promptId, options(VARIABLES, null, 16)).costUsd().compareTo(
                catalog.cost("gpt-4o", Instant.now(), 1, 1).usd()), "a run whose worst case fits goes ahead");
    }

    @Test
    void fiftyConcurrentRunsAtANearlySpentHardStopBudgetNeverSettlePastTheLimit() throws Exception {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o-mini");
        RunOptions small = options(VARIABLES, null, 200);
        BigDecimal worstCase = service(offline).preview(user, promptId, small).highUsd();
        // room for about ten worst cases; the actual costs are lower, so more than ten may go ahead, never too many
        BigDecimal limit = worstCase.multiply(BigDecimal.TEN).setScale(6, RoundingMode.CEILING);
        budgets.put(user, BudgetInput.of(limit, 80, true, false));

        var pool = Executors.newFixedThreadPool(50);
        var start = new CountDownLatch(1);
        List<Future<RunResult>> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return service(offline).run(user, promptId, small);
            }));
        }
        start.countDown();
        BigDecimal settled = BigDecimal.ZERO;
        int refused = 0;
        for (var run : runs) {
            try {
                settled = settled.add(run.get().costUsd());
            } catch (ExecutionException e) {
                assertEquals(ProblemType.BUDGET_EXCEEDED, ((ApiException) e.getCause()).type(), e.getCause().toString());
                refused++;
            }
        }
        pool.shutdown();

        MonthSpend month = budgets.view(user).month();
        assertTrue(settled.compareTo(limit) <= 0, settled + " > " + limit);
        assertEquals(0, settled.compareTo(month.spentUsd()), "the ledger holds exactly the settled runs");
        assertEquals(0, month.reservedUsd().signum(), "no reservation is left open");
        assertTrue(refused > 0 && refused < 50, refused + " refused");
        assertEquals(50 - refused, events.byPrompt(user, promptId, 100, null).items().size(), "every run that went ahead is recorded, no other");
    }

    @Test
    void aPricedModelThatNoAdapterCanRunIsRefusedWhenLiveAndRunsOffline() {
        String user = newUser();
        String promptId = prompt(user, "gemini-2.5-flash");

        ApiException e = assertThrows(ApiException.class, () -> service(router(false, request -> {
            throw new AssertionError("no adapter runs gemini here");
        })).run(user, promptId, options(VARIABLES, null, null)));
        assertEquals(List.of("model"), fields(e));
        assertTrue(service(offline).run(user, promptId, options(VARIABLES, null, null)).offline());
    }

    @Test
    void historyListsRunsNewestFirst() {
        String user = newUser();
        String promptId = prompt(user, "gpt-4o");
        String first = service(offline).run(user, promptId, options(VARIABLES, null, null)).runId();
        String second = service(offline).run(user, promptId, options(VARIABLES, null, null)).runId();

        var page = service(offline).history(user, promptId, 10, null);

        assertEquals(List.of(second, first), page.items().stream().map(RunView::runId).toList());
        assertEquals("run", page.items().getFirst().source());
        assertEquals("succeeded", page.items().getFirst().status());
    }

    private static RunService service(ProviderRouter providers) {
        return new RunService(new RunPlanner(prompts, catalog, tokens), prompts, catalog, tokens, providers, budgets, events, Clock.systemUTC());
    }

    /** A live router whose every adapter is {@code provider}: a stand-in for a provider's answers, not a store. */
    private static ProviderRouter router(boolean offline, ModelProvider provider) {
        return new ProviderRouter() {
            @Override
            public boolean offline() {
                return offline;
            }

            @Override
            public ModelProvider forAdapter(String adapter) {
                return provider;
            }
        };
    }

    private static RunOptions options(Map<String, Object> variables, String model, Integer maxTokens) {
        return new RunOptions(variables, model, maxTokens, null, null);
    }

    private static String prompt(String user, String model) {
        return prompts.create(user, PromptInput.of("Haiku " + Ids.newId("t"), TEMPLATE, null, null, model, null, null, null, null)).id();
    }

    private static String newUser() {
        return Ids.newId("usr");
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }
}
