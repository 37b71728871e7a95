package io.promptcms.importexport.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.collection.CollectionService;
import io.promptcms.common.Ids;
import io.promptcms.importexport.job.JobState;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.MutableClock;
import io.promptcms.testing.TemplateTables;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pipeline's crash and resume logic with the jobs in memory ({@link InMemoryImportJobStore}) and the prompts in
 * DynamoDB: a run that dies or loses its lease mid-file, resumed, ends with the counters and checkpoint of an
 * uninterrupted run and every row written once.
 */
class ImportPipelineResumeTest {

    private static final int ROWS = 3_500;
    private static final byte[] FILE = csv(ROWS);

    private static LocalDynamoDb local;
    private static S3Client unreachableS3;
    private static PromptRepository repository;
    private static TemplateTables tables;
    private static ImportPipeline pipeline;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private InMemoryImportJobStore store;
    private ImportService jobs;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        var dynamo = local.dynamoDbClient();
        tables = TemplateTables.create(dynamo, "resume-");
        // the rows are small and error-free: content stays inline and no error report is written, so S3 is never called
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        repository = new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), tables.prompts(), tables.versions());
        var collections = new CollectionService(dynamo, tables.collections(), tables.prompts(), java.time.Clock.systemUTC());
        pipeline = new ImportPipeline(repository, new S3ContentStore(unreachableS3, "bucket"), collections, unreachableS3, "bucket",
                java.time.Clock.systemUTC(), 2);
    }

    @AfterAll
    static void stopDynamo() {
        unreachableS3.close();
        local.shutdown();
    }

    @BeforeEach
    void newStore() {
        store = new InMemoryImportJobStore();
        jobs = new ImportService(store, pipeline, (owner, ids) -> Set.of(), unreachableS3, null, "bucket", clock);
    }

    @Test
    void aRunThatDiesWhileSavingResumesAfterItsCheckpointWithTheCountsOfAnUninterruptedRun() {
        String owner = Ids.newId("usr");
        store.crashOnSave(2);

        assertThrows(IllegalStateException.class, () -> jobs.runInline(owner, FILE, "file.csv", "text/csv", ImportOptions.DEFAULTS));

        ImportJob crashed = onlyJobOf(owner);
        assertEquals(JobState.RUNNING, crashed.state());
        assertTrue(crashed.checkpoint() > 0, "the first save came through");
        assertEquals(crashed.checkpoint(), crashed.counters().processed(), "the counters are those of the rows up to the checkpoint");
        assertTrue(repository.namesOf(owner).size() > crashed.checkpoint(), "rows past the checkpoint were written before the crash");

        var result = pipeline.run(crashed, () -> new ByteArrayInputStream(FILE), new HolderControl());

        assertFinishedOnce(owner, result);
    }

    @Test
    void promptsWhoseFirstVersionsWereLostInTheCrashGetThemOnResume() {
        String owner = Ids.newId("usr");
        store.crashOnSave(2);
        assertThrows(IllegalStateException.class, () -> jobs.runInline(owner, FILE, "file.csv", "text/csv", ImportOptions.DEFAULTS));
        ImportJob crashed = onlyJobOf(owner);
        // past the checkpoint, the crash came between the prompts and the versions of a non-atomic BatchWriteItem
        Set<String> written = repository.namesOf(owner).stream().map(StoredPrompt::id).collect(Collectors.toSet());
        List<String> pastCheckpoint = LongStream.rangeClosed(crashed.checkpoint() + 1, ROWS)
                .mapToObj(row -> RowPlanner.promptId(crashed.jobId(), row)).filter(written::contains).toList();
        assertTrue(pastCheckpoint.size() > 0, "rows past the checkpoint were written before the crash");
        pastCheckpoint.forEach(id -> local.dynamoDbClient().deleteItem(r -> r.tableName(tables.versions()).key(Map.of(
                "promptId", AttributeValue.fromS(id), "version", AttributeValue.fromN("1")))));

        assertFinishedOnce(owner, pipeline.run(crashed, () -> new ByteArrayInputStream(FILE), new HolderControl()));

        List<String> all = repository.namesOf(owner).stream().map(StoredPrompt::id).toList();
        assertEquals(ROWS, all.size());
        List<String> withoutFirstVersion = all.stream().filter(id -> repository.version(id, 1).isEmpty()).toList();
        assertEquals(0, withoutFirstVersion.size(), "prompts without their first version, e.g. "
                + withoutFirstVersion.stream().limit(3).toList());
    }

    @Test
    void aRunThatLosesItsLeaseStopsAndTheNewHolderFinishesTheJob() {
        String owner = Ids.newId("usr");
        ImportJob job = storedJobLeasedToFirst(owner);
        AtomicInteger saves = new AtomicInteger();
        HolderControl stalling = new HolderControl() {
            @Override
            public Optional<ImportJob> save(ImportJob current) {
                if (saves.incrementAndGet() == 2) {
                    store.acquireLease(current.jobId(), "second", 2_000, 3_000).orElseThrow(); // the first holder's lease ran out
                }
                return super.save(current);
            }
        };

        var lost = pipeline.run(job, () -> new ByteArrayInputStream(FILE), stalling);

        assertEquals(ImportPipeline.Outcome.LEASE_LOST, lost.outcome());
        ImportJob taken = store.get(job.jobId()).orElseThrow();
        assertEquals("second", taken.status().lease().owner());
        assertTrue(taken.checkpoint() > 0, "the first holder's first save came through");

        assertFinishedOnce(owner, pipeline.run(taken, () -> new ByteArrayInputStream(FILE), new HolderControl()));
    }

    @Test
    void aPausedRunSavesItsCheckpointAndTheContinuationFinishesIt() {
        String owner = Ids.newId("usr");
        ImportJob job = storedJobLeasedToFirst(owner);
        AtomicInteger asked = new AtomicInteger();
        HolderControl pausing = new HolderControl() {
            @Override
            public boolean shouldPause() {
                return asked.incrementAndGet() > 1; // asked before the first row and after each window
            }
        };

        var paused = pipeline.run(job, () -> new ByteArrayInputStream(FILE), pausing);

        assertEquals(ImportPipeline.Outcome.PAUSED, paused.outcome());
        ImportJob saved = store.get(job.jobId()).orElseThrow();
        assertEquals(ImportPipeline.WINDOW_ROWS, saved.checkpoint());
        assertEquals(new ImportCounters(1_000, 1_000, 0, 0, 0, 0), saved.counters());

        assertFinishedOnce(owner, pipeline.run(saved, () -> new ByteArrayInputStream(FILE), new HolderControl()));
    }

    private void assertFinishedOnce(String owner, ImportPipeline.Result result) {
        assertEquals(ImportPipeline.Outcome.FINISHED, result.outcome());
        ImportJob finished = store.get(result.job().jobId()).orElseThrow();
        assertEquals(result.job(), finished, "the result is the job as saved");
        assertEquals(JobState.SUCCEEDED, finished.state());
        assertEquals(ROWS, finished.checkpoint());
        assertEquals(Long.valueOf(ROWS), finished.total());
        assertEquals(new ImportCounters(ROWS, ROWS, 0, 0, 0, 0), finished.counters());
        assertEquals(0, finished.status().lease().until(), "the lease is released");
        assertEquals(ROWS, repository.namesOf(owner).size(), "no row written twice, none lost");
    }

    private ImportJob storedJobLeasedToFirst(String owner) {
        ImportJob job = ImportJob.queued(Ids.newId(DropKey.JOB_ID_PREFIX), owner, ImportSource.of("api", "file.csv", "text/csv"),
                ImportOptions.DEFAULTS, "2025-01-01T00:00:00.000Z").leasedTo("first", 1_000);
        store.put(job);
        return job;
    }

    private ImportJob onlyJobOf(String owner) {
        List<ImportJob> mine = store.list(owner, 10, null).items();
        assertEquals(1, mine.size());
        return mine.get(0);
    }

    private static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("name,content\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Prompt ").append(i).append(",Content ").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Saves as the holder of the lease the job carries, as a running invocation does. */
    private class HolderControl implements ImportPipeline.Control {
        @Override
        public boolean shouldPause() {
            return false;
        }

        @Override
        public Optional<ImportJob> save(ImportJob job) {
            return store.saveAsHolder(job) ? Optional.of(job) : Optional.empty();
        }
    }
}
