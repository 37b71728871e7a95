package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.promptcms.api.importexport.ImportFunction;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.common.Json;
import io.promptcms.local.pump.S3Events;
import io.promptcms.prompt.NewPrompt;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.prompt.Visibility;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The client side of {@link ImportBenchmark}, in a JVM of its own (the engines stay in the parent), so its heap is
 * the import's alone. Configured like the deployed function, through its environment. Prints one line
 * {@code RESULT {json}}.
 * <ul>
 *   <li>{@code import BUCKET KEY ETAG}: {@link ImportFunction#handleRequest} for the object, as the S3 notification
 *       invokes it; reports the time of the invocation and the heap: the most used after any GC, after an old/full
 *       collection (the live set), and the pools' peak.</li>
 *   <li>{@code bare ROWS WRITERS}: the same items (prompt + first version) written by a bare BatchWriteItem loop.</li>
 * </ul>
 */
public final class ImportProbe {

    private static final String FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(17);

    public static void main(String[] args) throws Exception {
        Map<String, Object> result = switch (args[0]) {
            case "import" -> importObject(args[1], args[2], args[3]);
            case "bare" -> bareLoop(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("import BUCKET KEY ETAG | bare ROWS WRITERS");
        };
        System.out.println("RESULT " + Json.write(result));
    }

    /** The generated prompt {@code i}: ~1 KB of content, the same in the CSV and in the bare loop. */
    static String content(int i) {
        return "Summarise {{text}} for prompt " + i + ". " + FILLER;
    }

    private static Map<String, Object> importObject(String bucket, String key, String etag) {
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        ImportFunction function = new ImportFunction(Env.system());
        long invoked = System.nanoTime();
        function.handleRequest(S3Events.objectCreated("DropFolder", bucket, key, 1, etag, Instant.now(), 1),
                context(() -> 900_000 - (int) ((System.nanoTime() - start) / 1_000_000)));
        long end = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("initMillis", (invoked - start) / 1_000_000);
        result.put("invokeMillis", (end - invoked) / 1_000_000);
        result.putAll(heap.figures());
        return result;
    }

    /**
     * The items the pipeline writes for the generated rows (a prompt and its first version, built by the same
     * {@link PromptService#prepareNew}), 12 + 12 per BatchWriteItem call from {@code writers} threads: no parsing,
     * no validation, no job.
     */
    private static Map<String, Object> bareLoop(int rows, int writers) throws Exception {
        var env = Env.system();
        var aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamoDb();
        String prompts = env.require(EnvNames.PROMPTS_TABLE);
        String versions = env.require(EnvNames.PROMPT_VERSIONS_TABLE);
        var repository = new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), prompts, versions);
        var service = new PromptService(repository, new S3ContentStore(aws.s3(), env.require(EnvNames.BUCKET_NAME)), (owner, ids) -> Set.of(),
                Clock.systemUTC());
        String owner = "usr_bare" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> writes = new ArrayList<>();
        for (int from = 0; from < rows; from += 12) {
            int first = from;
            writes.add(pool.submit(() -> {
                List<WriteRequest> p = new ArrayList<>();
                List<WriteRequest> v = new ArrayList<>();
                for (int i = first; i < Math.min(rows, first + 12); i++) {
                    var fields = new PromptFields("bare " + i, content(i), null, List.of("bench", "generated"), "gpt-4o",
                            List.of("text"), Map.of());
                    var draft = new PromptDraft(fields, List.of(), Visibility.PRIVATE);
                    NewPrompt item = service.prepareNew(owner, Ids.newId("prm"), draft);
                    p.add(WriteRequest.builder().putRequest(r -> r.item(PromptTable.item(item.prompt()))).build());
                    v.add(WriteRequest.builder().putRequest(r -> r.item(PromptTable.versionItem(item.firstVersion()))).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(prompts, p, versions, v);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        return Map.of("invokeMillis", (System.nanoTime() - start) / 1_000_000);
    }

    /** Heap in use after each GC (from the collectors' notifications): what the import keeps, not what it has thrown away. */
    private static final class HeapWatch {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong maxAfterOldGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        static HeapWatch start() {
            var watch = new HeapWatch();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        watch.collected(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
            return watch;
        }

        private void collected(GarbageCollectionNotificationInfo info) {
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                    .map(Map.Entry::getValue).mapToLong(MemoryUsage::getUsed).sum();
            collections.incrementAndGet();
            maxAfterGc.accumulateAndGet(used, Math::max);
            if (!info.getGcAction().contains("minor") || info.getGcCause().contains("System.gc")) {
                maxAfterOldGc.accumulateAndGet(used, Math::max);
            }
        }

        Map<String, Object> figures() {
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("maxHeapAfterGcMb", maxAfterGc.get() / (1024 * 1024));
            figures.put("maxHeapAfterOldGcMb", maxAfterOldGc.get() / (1024 * 1024));
            figures.put("peakHeapMb", peak / (1024 * 1024));
            figures.put("collections", collections.get());
            figures.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            return figures;
        }
    }

    private static Context context(java.util.function.IntSupplier remaining) {
        return new Context() {
            public String getAwsRequestId() { return UUID.randomUUID().toString(); }
            public String getLogGroupName() { return "bench"; }
            public String getLogStreamName() { return "bench"; }
            public String getFunctionName() { return "ImportFunction"; }
            public String getFunctionVersion() { return "$LATEST"; }
            public String getInvokedFunctionArn() { return "arn:bench"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return remaining.getAsInt(); }
            public int getMemoryLimitInMB() { return 2048; }
            public LambdaLogger getLogger() { return null; }
        };
    }
}
