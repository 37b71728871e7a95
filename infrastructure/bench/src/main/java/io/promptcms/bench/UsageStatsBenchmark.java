package io.promptcms.bench;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.prompt.OwnedPrompts;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.usage.DynamoUsageEvents;
import io.promptcms.usage.StatsQuery;
import io.promptcms.usage.UsageEvent;
import io.promptcms.usage.UsageRollups;
import io.promptcms.usage.UsageStatsService;
import io.promptcms.usage.UsageTotals;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Usage stats latency for one owner with few vs many recorded events (default 10,000 vs 1,000,000), on DynamoDB
 * Local (in memory, in this JVM) with the template's tables. Each owner has ~20 models and ~500 prompts, events spread
 * over the last 365 days.
 * <p>
 * Loading a million events through the stream path would take hours on DynamoDB (moto), so the raw events are written
 * with BatchWriteItem and the rollups are built by applying the aggregator's own rollup computation
 * ({@link UsageRollups#keysOf}, {@link UsageTotals#of}: the same keys and attributes) to the generated events, summed
 * per key and day, and written whole ({@link UsageRollups#item}, what the aggregator's ADDs leave; BatchWriteItem). Generation goes day by day, so memory
 * holds one day's events and rollups at a time. Then {@value #QUERIES} stats queries per owner through
 * {@link UsageStatsService} (a mix of 30 days by day, 365 days by month, a model filter and a prompt filter), after
 * {@value #WARMUP} warm-up queries, and the median and p95 of each size with their ratio.
 * Usage: {@code infrastructure/bin/promptcms bench-usage-stats [small] [large]}.
 */
public final class UsageStatsBenchmark {

    private static final int QUERIES = 200;
    private static final int WARMUP = 50;
    private static final int MODELS = 20;
    private static final int PROMPTS = 500;
    private static final int DAYS = 365;
    private static final int WRITERS = 8;
    private static final int BATCH = 25;

    private record Owner(String id, List<String> models, List<String> prompts, Map<String, String> modelOfPrompt) {
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path project = Path.of(System.getProperty("promptcms.project", ".")).toAbsolutePath();
        Template template = TemplateReader.read(project.resolve("template.yaml"));
        try (DynamoDbEngine engine = DynamoDbEngine.startInMemory()) {
            engine.awaitReady(Duration.ofSeconds(60));
            DynamoDbClient dynamo = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, engine.url()))).dynamoDb();
            TableBootstrap tables = new TableBootstrap(template, new LocalValues(template, "http://127.0.0.1:9")); // no OpenSearch here
            template.idsOfType(Template.TABLE).forEach(id -> tables.createAs(dynamo, id, id));
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Owner few = owner(dynamo, 1);
            Owner many = owner(dynamo, 2);
            System.out.printf("loading %,d events for one owner and %,d for another …%n", small, large);
            long start = System.nanoTime();
            load(dynamo, writers, few, small, today, 11);
            load(dynamo, writers, many, large, today, 22);
            System.out.printf("loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);

            UsageStatsService stats = new UsageStatsService(dynamo, "UsageRollupsTable", new OwnedPrompts(dynamo, "PromptsTable"));
            Clock clock = Clock.systemUTC();
            measure(stats, few, clock, WARMUP, 1);
            measure(stats, many, clock, WARMUP, 2);
            double[] fewMillis = measure(stats, few, clock, QUERIES, 3);
            double[] manyMillis = measure(stats, many, clock, QUERIES, 4);
            System.out.printf("stats over %,d events: median %.2f ms, p95 %.2f ms (%d queries)%n", small, percentile(fewMillis, 50), percentile(fewMillis, 95), QUERIES);
            System.out.printf("stats over %,d events: median %.2f ms, p95 %.2f ms (%d queries)%n", large, percentile(manyMillis, 50), percentile(manyMillis, 95), QUERIES);
            System.out.printf("ratio %,d/%,d events: median %.2f, p95 %.2f%n", large, small,
                    percentile(manyMillis, 50) / percentile(fewMillis, 50), percentile(manyMillis, 95) / percentile(fewMillis, 95));
            writers.shutdown();
        }
    }

    /** An owner with its models and prompts (each prompt written to the prompts table, bound to one model). */
    private static Owner owner(DynamoDbClient dynamo, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String id = Ids.newId("usr");
        List<String> models = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            models.add("model-" + i);
        }
        List<String> prompts = new ArrayList<>();
        Map<String, String> modelOfPrompt = new HashMap<>();
        for (int i = 0; i < PROMPTS; i++) {
            String promptId = Ids.newId("prm");
            StoredPrompt prompt = StoredPrompt.builder().id(promptId).ownerId(id).ownerSort("2026-01-01T00:00:00.000Z#" + promptId)
                    .fields(new PromptFields("prompt " + i, null, null, null, null, null, null)).revision(1L).version(1L).build();
            dynamo.putItem(r -> r.tableName("PromptsTable").item(PromptTable.item(prompt)));
            prompts.add(promptId);
            modelOfPrompt.put(promptId, models.get(random.nextInt(MODELS)));
        }
        return new Owner(id, models, prompts, modelOfPrompt);
    }

    /** Writes {@code count} events over the last 365 days, a day at a time, and that day's rollups after it. */
    private static void load(DynamoDbClient dynamo, ExecutorService writers, Owner owner, int count, LocalDate today, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Duration retention = Duration.ofDays(3650);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = today.minusDays(DAYS - 1 - d);
            int todays = count / DAYS + (d < count % DAYS ? 1 : 0);
            Map<String, UsageTotals> rollups = new HashMap<>();
            List<WriteRequest> batch = new ArrayList<>(BATCH);
            List<Future<?>> pending = new ArrayList<>();
            for (int i = 0; i < todays; i++) {
                UsageEvent event = event(owner, random, day);
                for (String key : UsageRollups.keysOf(event.ownerId(), event.model(), event.promptId())) {
                    rollups.merge(key, UsageTotals.of(event), UsageTotals::plus);
                }
                batch.add(WriteRequest.builder().putRequest(p -> p.item(DynamoUsageEvents.item(event, retention))).build());
                if (batch.size() == BATCH) {
                    List<WriteRequest> full = batch;
                    pending.add(writers.submit(() -> writeAll(dynamo, "UsageEventsTable", full)));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                List<WriteRequest> rest = batch;
                pending.add(writers.submit(() -> writeAll(dynamo, "UsageEventsTable", rest)));
            }
            String dayText = day.toString();
            List<WriteRequest> sums = rollups.entrySet().stream()
                    .map(rollup -> WriteRequest.builder().putRequest(p -> p.item(UsageRollups.item(rollup.getKey(), dayText, rollup.getValue()))).build())
                    .toList();
            for (int from = 0; from < sums.size(); from += BATCH) {
                List<WriteRequest> slice = sums.subList(from, Math.min(sums.size(), from + BATCH));
                pending.add(writers.submit(() -> writeAll(dynamo, "UsageRollupsTable", slice)));
            }
            for (Future<?> future : pending) {
                future.get();
            }
            if ((d + 1) % 73 == 0) {
                System.out.printf("  %,d events: %d of %d days loaded%n", count, d + 1, DAYS);
            }
        }
    }

    private static UsageEvent event(Owner owner, SplittableRandom random, LocalDate day) {
        String promptId = random.nextInt(10) < 7 ? owner.prompts().get(random.nextInt(PROMPTS)) : null;
        String model = promptId != null ? owner.modelOfPrompt().get(promptId) : owner.models().get(random.nextInt(MODELS));
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(random.nextLong(86_400_000));
        long in = 50 + random.nextInt(4000);
        long out = 10 + random.nextInt(1000);
        CostEstimate cost = random.nextInt(20) == 0 ? CostEstimate.unknown("no price for " + model)
                : CostEstimate.known(BigDecimal.valueOf(in * 3 + out * 15, 6 + 1));
        UsageEvent.Status status = random.nextInt(50) == 0 ? UsageEvent.Status.FAILED : UsageEvent.Status.SUCCEEDED;
        return new UsageEvent(Ids.newId("evt"), owner.id(), UsageEvent.Source.TRACK, promptId, promptId == null ? null : 1L, model, "bench",
                in, out, cost, 200L + random.nextInt(3000), status, null, at, at, Map.of());
    }

    private static void writeAll(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("DynamoDB (moto) left items unwritten");
            }
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    /** Runs {@code count} stats queries, a quarter of each kind, and returns their latencies in ms. */
    private static double[] measure(UsageStatsService stats, Owner owner, Clock clock, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            Map<String, String> parameters = switch (i % 4) {
                case 0 -> Map.of();
                case 1 -> Map.of("from", LocalDate.now(ZoneOffset.UTC).minusDays(364).toString(), "groupBy", "month");
                case 2 -> Map.of("model", owner.models().get(random.nextInt(MODELS)));
                default -> Map.of("promptId", owner.prompts().get(random.nextInt(PROMPTS)), "groupBy", "week");
            };
            long start = System.nanoTime();
            stats.stats(owner.id(), StatsQuery.parse(parameters, clock));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
