package io.promptcms.search;

import io.promptcms.aws.AwsClients;
import io.promptcms.aws.Backoff;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.prompt.StoredPrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Rebuilds the search index from the prompts table (the source of truth) and compares the two.
 * <p>
 * A reindex builds a NEW index of the current mapping from a parallel, strongly consistent Scan (bulks of a few MiB,
 * every item result checked, transient item failures retried with backoff, external versions as the stream indexer
 * uses), then swaps the alias in one atomic request and deletes the old index: readers never see a missing or
 * half-built index.
 * <p>
 * The race with the stream indexer: while the new index is built, the indexer keeps writing through the alias, into
 * the OLD index; a prompt changed after the Scan read it would be stale (or, deleted, still present) in the new one.
 * So after the swap — from then on the indexer writes into the new index — the reindexer compares table and index
 * and repairs every difference from the table's current state (a consistent GetItem: present → index it, absent →
 * delete the document). Every write carries the external version, so a repair and a late stream write of the same
 * change agree whichever lands first, and an older state never overwrites a newer one. Any change made before the
 * swap is in the table when the comparison scans it; any change after it reaches the new index through the stream.
 * An indexer bulk still aimed at the old index when it is deleted fails and is retried by the stream into the new one.
 */
public final class PromptReindexer {

    /** Scan segments read (and bulks sent) in parallel. */
    static final int DEFAULT_SEGMENTS = 4;
    /** Changes are gathered up to about this size before a bulk; {@link PromptIndexer} splits at its own cap. */
    private static final long BULK_TARGET_BYTES = 4L * 1024 * 1024;
    /** The fields of a prompt besides its content, generously. */
    private static final long DOCUMENT_OVERHEAD = 2048;
    private static final int MAX_ATTEMPTS = 6;
    private static final int PAGE_SIZE = 5000;

    private static final System.Logger LOG = System.getLogger(PromptReindexer.class.getName());

    /** What {@link #ensureIndex} found and did. */
    public enum Outcome { CURRENT, CREATED, REBUILT }

    private final DynamoDbClient dynamo;
    private final PromptTable prompts;
    private final ContentReader contents;
    private final OpenSearchClient client;
    private final PromptIndexAdmin admin;
    private final int segments;
    private final Clock clock;

    public PromptReindexer(DynamoDbClient dynamo, String promptsTable, ContentReader contents, OpenSearchClient client,
                           PromptIndexAdmin admin, int segments, Clock clock) {
        this.dynamo = dynamo;
        this.prompts = new PromptTable(promptsTable);
        this.contents = contents;
        this.client = client;
        this.admin = admin;
        this.segments = segments;
        this.clock = clock;
    }

    /** Reads PROMPTS_TABLE, BUCKET_NAME (content kept in S3), OPENSEARCH_ENDPOINT and OPENSEARCH_ALIAS. */
    public static PromptReindexer create(Env env, AwsClients aws) {
        OpenSearchClient client = OpenSearchClients.create(env, aws);
        return new PromptReindexer(aws.dynamoDb(), env.require(EnvNames.PROMPTS_TABLE),
                new S3ContentStore(Lazy.of(aws::s3), env.require(EnvNames.BUCKET_NAME)),
                client, new PromptIndexAdmin(client, env.require(EnvNames.OPENSEARCH_ALIAS)), DEFAULT_SEGMENTS, Clock.systemUTC());
    }

    /**
     * Makes sure the alias points to an index of the current mapping holding the table: creates it if missing (and
     * fills it when the table already holds prompts, e.g. a wiped index directory), rebuilds it when it was built
     * from an older mapping version.
     */
    public Outcome ensureIndex() {
        if (admin.ensureIndex()) {
            if (dynamo.scan(r -> r.tableName(prompts.name()).limit(1)).count() > 0) {
                reindex();
            }
            return Outcome.CREATED;
        }
        if (admin.outdated()) {
            LOG.log(System.Logger.Level.INFO, "the index behind " + admin.alias() + " has an older mapping than v" + PromptIndexAdmin.MAPPING_VERSION
                    + ": rebuilding it from " + prompts.name());
            reindex();
            return Outcome.REBUILT;
        }
        return Outcome.CURRENT;
    }

    /** Builds a new index from the table, swaps the alias to it, repairs what changed meanwhile; see the class comment. */
    public ReindexReport reindex() {
        Instant begin = clock.instant();
        String index = admin.createIndex();
        Build build;
        try {
            build = build(index);
            refresh(index);
        } catch (RuntimeException e) {
            admin.delete(index);
            throw e;
        }
        if (build.failures().stream().anyMatch(PromptIndexer.Failure::transientError)) {
            // the live index stays: swapping now would serve an index missing what the node failed to take
            admin.delete(index);
            return new ReindexReport(index, false, new TreeSet<>(), build.scanned(), build.scanned() - build.failures().size(),
                    build.failures().size(), listed(build.failures()), 0, compare(), elapsed(begin));
        }
        var replaced = admin.swap(index);
        Differences afterSwap = differences();
        List<PromptIndexer.Failure> repairFailures = new ArrayList<>();
        long repaired = repair(afterSwap, repairFailures);
        IndexComparison comparison = repaired == 0 && repairFailures.isEmpty() ? afterSwap.comparison() : differences().comparison();
        List<PromptIndexer.Failure> failures = new ArrayList<>(build.failures());
        failures.addAll(repairFailures);
        return new ReindexReport(index, true, replaced, build.scanned(), build.scanned() - build.failures().size(), build.failures().size(),
                listed(failures), repaired, comparison, elapsed(begin));
    }

    /** Table versus index, through the alias, as they stand now. */
    public IndexComparison compare() {
        return differences().comparison();
    }

    // ------------------------------------------------------------------ build

    private record Build(long scanned, List<PromptIndexer.Failure> failures) {
    }

    private Build build(String index) {
        PromptIndexer writer = new PromptIndexer(client, index, contents);
        AtomicLong scanned = new AtomicLong();
        List<PromptIndexer.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        forEachSegment(prompts.scanAll(), pages -> {
            List<PromptIndexer.Change> pending = new ArrayList<>();
            long bytes = 0;
            for (List<Map<String, AttributeValue>> page : pages) {
                for (Map<String, AttributeValue> raw : page) {
                    StoredPrompt item = PromptTable.read(raw);
                    pending.add(new PromptIndexer.Upsert(item.id(), item));
                    bytes += DOCUMENT_OVERHEAD + (item.contentLength() == null ? 0 : item.contentLength());
                    scanned.incrementAndGet();
                    if (bytes >= BULK_TARGET_BYTES) {
                        failures.addAll(applyWithRetries(writer, pending));
                        pending = new ArrayList<>();
                        bytes = 0;
                    }
                }
            }
            failures.addAll(applyWithRetries(writer, pending));
        });
        return new Build(scanned.get(), List.copyOf(failures));
    }

    /**
     * Applies the changes; item failures that may pass later (busy or unavailable node) are retried with backoff, a
     * document the index rejects (e.g. the mapping refuses a value) is reported at once. Returns what still failed.
     */
    private static List<PromptIndexer.Failure> applyWithRetries(PromptIndexer writer, List<PromptIndexer.Change> changes) {
        Map<String, PromptIndexer.Change> byRecord = new LinkedHashMap<>();
        changes.forEach(change -> byRecord.put(change.recordId(), change));
        List<PromptIndexer.Failure> given = new ArrayList<>();
        List<PromptIndexer.Change> pending = changes;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Backoff.beforeAttempt(attempt);
            List<PromptIndexer.Failure> retry = new ArrayList<>();
            for (PromptIndexer.Failure failure : writer.applyReporting(pending)) {
                (failure.transientError() && attempt + 1 < MAX_ATTEMPTS ? retry : given).add(failure);
            }
            pending = retry.stream().map(failure -> byRecord.get(failure.recordId())).toList();
        }
        return given;
    }

    // ------------------------------------------------------------------ compare and repair

    /** Every difference, unabridged (the comparison lists a few of each). */
    private record Differences(IndexComparison comparison, List<String> missing, List<String> extra, Map<String, Long> indexVersions,
                               List<IndexComparison.VersionMismatch> mismatches) {
    }

    private Differences differences() {
        boolean aliased = !admin.aliasedIndices().isEmpty(); // no index yet: every prompt is missing from it
        if (aliased) {
            refresh(admin.alias());
        }
        Map<String, Long> table = tableVersions();
        Map<String, Long> index = aliased ? indexVersions() : Map.of();
        List<String> missing = new ArrayList<>();
        List<IndexComparison.VersionMismatch> mismatches = new ArrayList<>();
        for (var entry : new TreeMap<>(table).entrySet()) {
            Long indexed = index.get(entry.getKey());
            if (indexed == null) {
                missing.add(entry.getKey());
            } else if (!indexed.equals(entry.getValue())) {
                mismatches.add(new IndexComparison.VersionMismatch(entry.getKey(), PromptIndexer.revisionOf(entry.getValue()),
                        PromptIndexer.revisionOf(indexed), entry.getValue(), indexed));
            }
        }
        List<String> extra = index.keySet().stream().filter(id -> !table.containsKey(id)).sorted().toList();
        return new Differences(IndexComparison.of(table.size(), index.size(), missing, extra, mismatches), missing, extra, index, mismatches);
    }

    /** Each prompt's external version, from a strongly consistent parallel Scan of the keys and revisions only. */
    private Map<String, Long> tableVersions() {
        Map<String, Long> versions = new ConcurrentHashMap<>();
        forEachSegment(prompts.scanRevisions(), pages -> pages.forEach(page -> page.forEach(raw -> {
            StoredPrompt item = PromptTable.read(raw);
            versions.put(item.id(), PromptIndexer.externalVersion(item));
        })));
        return versions;
    }

    /** Each document's id and external version, paged by id with search_after (no source fetched). */
    private Map<String, Long> indexVersions() {
        Map<String, Long> versions = new HashMap<>();
        List<FieldValue> after = List.of();
        try {
            while (true) {
                List<FieldValue> searchAfter = after;
                var response = client.search(s -> {
                    s.index(admin.alias()).size(PAGE_SIZE).version(true).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                            .sort(sort -> sort.field(f -> f.field("id").order(SortOrder.Asc)));
                    return searchAfter.isEmpty() ? s : s.searchAfter(searchAfter);
                }, JsonData.class);
                List<Hit<JsonData>> hits = response.hits().hits();
                hits.forEach(hit -> versions.put(hit.id(), hit.version()));
                if (hits.size() < PAGE_SIZE) {
                    return versions;
                }
                after = hits.getLast().sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the documents of " + admin.alias(), e);
        }
    }

    /** Applies the table's current state of every differing prompt through the alias; returns how many it fixed. */
    private long repair(Differences differences, List<PromptIndexer.Failure> failures) {
        List<String> ids = new ArrayList<>(differences.missing());
        ids.addAll(differences.extra());
        differences.mismatches().forEach(mismatch -> ids.add(mismatch.id()));
        List<PromptIndexer.Change> changes = new ArrayList<>();
        for (String id : ids) {
            var current = dynamo.getItem(prompts.get(id));
            if (current.hasItem() && !current.item().isEmpty()) {
                changes.add(new PromptIndexer.Upsert(id, PromptTable.read(current.item())));
            } else if (differences.indexVersions().containsKey(id)) {
                var lastState = StoredPrompt.builder().id(id).revision(PromptIndexer.revisionOf(differences.indexVersions().get(id))).build();
                changes.add(new PromptIndexer.Delete(id, lastState));
            }
        }
        List<PromptIndexer.Failure> failed = applyWithRetries(new PromptIndexer(client, admin.alias(), contents), changes);
        failures.addAll(failed);
        if (!changes.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "repaired " + (changes.size() - failed.size()) + " prompt(s) changed during the reindex");
        }
        return changes.size() - failed.size();
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs {@code perSegment} on each Scan segment in parallel, with the segment's pages. */
    private void forEachSegment(ScanRequest request, Consumer<Iterable<List<Map<String, AttributeValue>>>> perSegment) {
        try (ExecutorService executor = Executors.newFixedThreadPool(segments, Thread.ofPlatform().name("reindex-scan-", 0).daemon().factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                ScanRequest part = request.toBuilder().segment(segment).totalSegments(segments).build();
                running.add(executor.submit(() -> perSegment.accept(() -> dynamo.scanPaginator(part).stream()
                        .map(page -> page.items()).iterator())));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning " + prompts.name(), e);
        }
    }

    private void refresh(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh " + index, e);
        }
    }

    private static List<PromptIndexer.Failure> listed(List<PromptIndexer.Failure> failures) {
        return List.copyOf(failures.subList(0, Math.min(IndexComparison.LISTED, failures.size())));
    }

    private long elapsed(Instant begin) {
        return Duration.between(begin, clock.instant()).toMillis();
    }
}
