package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.imports.DropKey;
import io.promptcms.importexport.imports.DuplicateOf;
import io.promptcms.importexport.imports.DynamoImportJobStore;
import io.promptcms.importexport.imports.ImportJob;
import io.promptcms.importexport.imports.ImportJobStore;
import io.promptcms.importexport.imports.ImportOptions;
import io.promptcms.importexport.imports.ImportPipeline;
import io.promptcms.importexport.imports.ImportService;
import io.promptcms.importexport.imports.ImportSource;
import io.promptcms.importexport.imports.PreviewRow;
import io.promptcms.importexport.job.JobState;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.testing.SharedRuntime;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.prompt.StoredPrompt;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import pipeline against the runtime's DynamoDB (moto) and S3: conflicts, names, and a crash between a
 * window's writes and its checkpoint. Each test imports into a fresh owner's library.
 */
class ImportPipelineTest {

    private static PromptRepository repository;
    private static ImportPipeline pipeline;
    private static ImportJobStore store;
    private static ImportService jobs;

    @BeforeAll
    static void wire() {
        RunningRuntime runtime = SharedRuntime.get();
        Map<String, String> env = runtime.environment("ImportFunction");
        var aws = new AwsClients(Env.of(env));
        var dynamo = aws.dynamoDb();
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        S3Client s3 = aws.s3();
        String bucket = env.get(EnvNames.BUCKET_NAME);
        repository = new PromptRepository(dynamo, enhanced, env.get(EnvNames.PROMPTS_TABLE), env.get(EnvNames.PROMPT_VERSIONS_TABLE));
        var collections = new CollectionService(dynamo, env.get(EnvNames.COLLECTIONS_TABLE), env.get(EnvNames.PROMPTS_TABLE), Clock.systemUTC());
        pipeline = new ImportPipeline(repository, new S3ContentStore(s3, bucket), collections, s3, bucket, Clock.systemUTC(), 4);
        store = new DynamoImportJobStore(dynamo, env.get(EnvNames.IMPORT_JOBS_TABLE));
        jobs = new ImportService(store, pipeline, new DynamoCollectionLookup(dynamo, env.get(EnvNames.COLLECTIONS_TABLE)), s3, null, bucket,
                Clock.systemUTC());
    }

    private static String newOwner() {
        return Ids.newId("usr");
    }

    private static ImportPipeline.Result importCsv(String owner, String csv, String onConflict) {
        return jobs.runInline(owner, csv.getBytes(StandardCharsets.UTF_8), "file.csv", "text/csv",
                new ImportOptions(null, null, Map.of(), onConflict, false, null, false).validated());
    }

    private static Map<String, StoredPrompt> library(String owner) {
        return repository.namesOf(owner).stream()
                .collect(Collectors.toMap(item -> item.fields().name(), item -> repository.get(item.id()).orElseThrow()));
    }

    private static int versionsOf(String promptId) {
        return repository.versions(promptId, 100, null).items().size();
    }

    private static String errors(ImportPipeline.Result run) {
        return run.errors().stream().map(RowError::toString).collect(Collectors.joining("\n"));
    }

    private static ImportPipeline.Result importCsv(String owner, String csv, boolean dryRun, boolean rejectDuplicates) {
        return jobs.runInline(owner, csv.getBytes(StandardCharsets.UTF_8), "file.csv", "text/csv",
                new ImportOptions(null, null, Map.of(), "skip", dryRun, null, rejectDuplicates).validated());
    }

    @Test
    void theDryRunPreviewMarksRowsWhoseContentDuplicatesAPromptOrAnEarlierRow() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,Translate the email into French.\n", "skip");
        String alphaId = library(owner).get("Alpha").id();

        var run = importCsv(owner, "name,content\nCopy,\"  TRANSLATE the email\n into French. \"\nFresh,Write a haiku\nFresh again,write a   HAIKU\n", true, false);

        List<PreviewRow> preview = run.preview();
        assertEquals(3, preview.size());
        assertEquals(new DuplicateOf(alphaId, null), preview.get(0).duplicateOf());
        assertEquals("create", preview.get(0).action());
        assertNull(preview.get(1).duplicateOf());
        assertEquals(new DuplicateOf(null, preview.get(1).row()), preview.get(2).duplicateOf());
        assertEquals("create", preview.get(2).action(), "a duplicate is a warning, not an error");
        assertEquals(2L, (long) run.job().counters().warnings());
        assertTrue(errors(run).contains("same content as the existing prompt " + alphaId), errors(run));
    }

    @Test
    void rejectDuplicatesSkipsThoseRowsWithTheReason() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,Translate the email into French.\n", "skip");

        var run = importCsv(owner, "name,content\nCopy,translate the email into french.\nFresh,Write a haiku\nFresh again,Write a haiku\n", false, true);

        assertEquals(List.of(1L, 2L, 0L), List.of(run.job().counters().created(), run.job().counters().skipped(), run.job().counters().failed()));
        assertEquals(List.of("Alpha", "Fresh"), library(owner).keySet().stream().sorted().toList());
        assertTrue(errors(run).contains("skipped: same content as the existing prompt "), errors(run));
        assertTrue(errors(run).contains("skipped: same content as row "), errors(run));
    }

    @Test
    void skipLeavesPromptsMatchedByNameOrIdAlone() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,one\nBeta,two\n", "skip");
        String betaId = library(owner).get("Beta").id();

        ImportJob job = importCsv(owner, "id,name,content\n,Alpha,changed\n" + betaId + ",Beta renamed,changed\n,Gamma,new\n", "skip").job();

        assertEquals(List.of(1L, 2L), List.of(job.counters().created(), job.counters().skipped()));
        Map<String, StoredPrompt> library = library(owner);
        assertEquals(3, library.size());
        assertEquals("one", library.get("Alpha").fields().content());
        assertEquals("two", library.get("Beta").fields().content());
    }

    @Test
    void updateReplacesByIdAndByNameAndAnIdenticalRowCreatesNoVersion() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,one\nBeta,two\nGamma,three\n", "skip");
        String betaId = library(owner).get("Beta").id();

        ImportJob job = importCsv(owner, "id,name,content\n,Alpha,one v2\n" + betaId + ",Beta renamed,two v2\n,Gamma,three\n", "update").job();

        assertEquals(2L, (long) job.counters().updated(), job.toString());
        assertEquals(1L, (long) job.counters().skipped(), "the identical Gamma row is unchanged");
        assertEquals(0L, (long) job.counters().created());
        Map<String, StoredPrompt> library = library(owner);
        assertEquals("one v2", library.get("Alpha").fields().content());
        assertEquals(betaId, library.get("Beta renamed").id());
        assertEquals(2, versionsOf(library.get("Alpha").id()));
        assertEquals(1, versionsOf(library.get("Gamma").id()));

        ImportJob again = importCsv(owner, "id,name,content\n,Alpha,one v2\n" + betaId + ",Beta renamed,two v2\n,Gamma,three\n", "update").job();
        assertEquals(List.of(0L, 0L, 3L), List.of(again.counters().created(), again.counters().updated(), again.counters().skipped()));
        assertEquals(2, versionsOf(library.get("Alpha").id()), "re-importing an unchanged file changes nothing");
    }

    @Test
    void duplicateCreatesASecondPromptForARowMatchedByNameOrId() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,one\nBeta,two\n", "skip");
        String betaId = library(owner).get("Beta").id();

        ImportJob job = importCsv(owner, "id,name,content\n,Alpha,one again\n" + betaId + ",Beta copy,two again\n", "duplicate").job();

        assertEquals(2L, (long) job.counters().created());
        assertEquals(4, repository.namesOf(owner).size());
        assertEquals("two", repository.get(betaId).orElseThrow().fields().content());
    }

    @Test
    void aNameUsedTwiceInOneFileFailsTheSecondRowAndNamesDifferingInCaseOrSpacingAreWarned() {
        String owner = newOwner();
        importCsv(owner, "name,content\nExisting Name,x\n", "skip");

        var run = importCsv(owner, "name,content\nAlpha,one\nAlpha,two\nalpha ,three\nexisting  name,four\n", "skip");

        assertEquals(JobState.PARTIALLY_SUCCEEDED, run.job().state());
        assertEquals(3L, (long) run.job().counters().created());
        assertEquals(1L, (long) run.job().counters().failed());
        assertEquals(2L, (long) run.job().counters().warnings());
        String errors = errors(run);
        assertTrue(errors.contains("duplicate of row 1"), errors);
        assertTrue(errors.contains("row=3") && errors.contains("likely duplicate of row 1"), errors);
        assertTrue(errors.contains("likely duplicate of the existing prompt 'Existing Name'"), errors);
        assertEquals("one", library(owner).get("Alpha").fields().content(), "never silently merged");
    }

    @Test
    void twoRowsThatWouldUpdateOnePromptFailTheSecond() {
        String owner = newOwner();
        importCsv(owner, "name,content\nAlpha,one\n", "skip");
        String alphaId = library(owner).get("Alpha").id();

        var run = importCsv(owner, "id,name,content\n,Alpha,by name\n" + alphaId + ",Alpha again,by id\n", "update");

        assertEquals(1L, (long) run.job().counters().updated());
        assertEquals(1L, (long) run.job().counters().failed());
        assertTrue(errors(run).contains("row 1 already updates the prompt " + alphaId), errors(run));
        assertEquals("by name", repository.get(alphaId).orElseThrow().fields().content());
    }

    @Test
    void aCrashAfterAWindowWasWrittenButBeforeItsCheckpointWasSavedResumesWithoutDuplicates() {
        String owner = newOwner();
        StringBuilder csv = new StringBuilder("name,content\n");
        for (int i = 1; i <= 3_500; i++) {
            csv.append("Prompt ").append(i).append(",Content ").append(i).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportJob job = newJob(owner);
        store.put(job);
        AtomicInteger saves = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> pipeline.run(job, () -> new ByteArrayInputStream(file), control(() -> {
            if (saves.incrementAndGet() == 2) {
                throw new IllegalStateException("killed after the window's writes, before its checkpoint");
            }
        })));

        ImportJob saved = store.get(job.jobId()).orElseThrow();
        int written = repository.namesOf(owner).size();
        assertTrue(written > saved.checkpoint(), "rows past the checkpoint were written: " + written + " > " + saved.checkpoint());

        var result = pipeline.run(saved, () -> new ByteArrayInputStream(file), control(() -> { }));

        ImportJob resumed = result.job();
        assertEquals(ImportPipeline.Outcome.FINISHED, result.outcome());
        assertEquals(JobState.SUCCEEDED, resumed.state());
        assertEquals(List.of(3_500L, 3_500L, 3_500L, 0L),
                List.of(resumed.total(), resumed.counters().processed(), resumed.counters().created(), resumed.counters().failed()));
        assertEquals(3_500, repository.namesOf(owner).size(), "no duplicates, no losses");
        assertEquals(0, repository.namesOf(owner).stream().filter(p -> repository.version(p.id(), 1).isEmpty()).count(),
                "prompts without their first version");
    }

    @Test
    void aSourceThatFailsMidFileFailsTheRunAndTheNextRunResumesWithExactCounts() {
        String owner = newOwner();
        StringBuilder csv = new StringBuilder("name,content\n");
        for (int i = 1; i <= 2_500; i++) {
            csv.append("Dropped ").append(i).append(",Content ").append(i).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportJob job = newJob(owner);
        store.put(job);
        ImportPipeline.Source dropsAfterHalf = () -> new java.io.FilterInputStream(new ByteArrayInputStream(file)) {
            private int read;

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                if (read > file.length / 2) {
                    throw new java.net.SocketTimeoutException("Read timed out");
                }
                int n = super.read(buffer, offset, Math.min(length, 4096));
                read += Math.max(n, 0);
                return n;
            }
        };

        assertThrows(java.io.UncheckedIOException.class, () -> pipeline.run(job, dropsAfterHalf, control(() -> { })));
        // the job as last saved (queued, or running once a window was committed): the run did not end it
        ImportJob interrupted = store.get(job.jobId()).orElseThrow();
        assertFalse(interrupted.state().isFinal(), "a dropped connection is not the end of the file");

        ImportJob finished = pipeline.run(interrupted, () -> new ByteArrayInputStream(file), control(() -> { })).job();
        assertEquals(List.of(2_500L, 2_500L, 0L), List.of(finished.total(), finished.counters().created(), finished.counters().failed()));
        assertEquals(2_500, repository.namesOf(owner).size());
    }

    private static ImportJob newJob(String owner) {
        return ImportJob.queued(Ids.newId(DropKey.JOB_ID_PREFIX), owner, ImportSource.of("api", "crash.csv", null), ImportOptions.DEFAULTS,
                "2025-01-01T00:00:00.000Z");
    }

    /** Saves the job as it is (a copy of the counters then), after {@code beforeSave} had its say. */
    private static ImportPipeline.Control control(Runnable beforeSave) {
        return new ImportPipeline.Control() {
            @Override
            public boolean shouldPause() {
                return false;
            }

            @Override
            public Optional<ImportJob> save(ImportJob job) {
                beforeSave.run();
                store.put(job);
                return Optional.of(job);
            }
        };
    }
}
