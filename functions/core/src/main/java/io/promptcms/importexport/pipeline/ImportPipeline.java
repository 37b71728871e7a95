package io.promptcms.importexport.pipeline;

import io.promptcms.collection.CollectionService;
import io.promptcms.common.Json;
import io.promptcms.common.Timestamps;
import io.promptcms.importexport.format.ImportFileException;
import io.promptcms.importexport.format.ImportReader;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.format.RowReader;
import io.promptcms.importexport.format.SourceRow;
import io.promptcms.importexport.job.ImportJobItem;
import io.promptcms.importexport.job.ImportOptions;
import io.promptcms.importexport.job.JobState;
import io.promptcms.prompt.ContentStore;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one import pipeline behind the API, the upload URL and the S3 drop folder: streams the file's rows,
 * plans each ({@link RowPlanner}), and writes in windows of at most {@value #WINDOW_ROWS} rows or
 * {@value #WINDOW_CHARS} characters of content through a {@link WindowWriter} (parallel writers; the next window
 * is planned while the previous ones are written). A window is committed (counters, checkpoint, renewed lease)
 * only once it and every window before it are written, so the checkpoint always means "every row up to here is
 * written and counted".
 * A resumed run replays the rows up to the checkpoint without writing (to rebuild the names seen and the
 * error report) and goes on after it.
 */
public final class ImportPipeline {

    static final int WINDOW_ROWS = 1_000;
    static final int WINDOW_CHARS = 8 * 1024 * 1024;
    static final int PREVIEW_ROWS = 10;
    public static final int INLINE_ERRORS = 1_000;
    public static final String REPORT_PREFIX = "import-reports/";

    private final PromptRepository repository;
    private final ContentStore contents;
    private final CollectionService collections;
    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final int writers;

    public ImportPipeline(PromptRepository repository, ContentStore contents, CollectionService collections, S3Client s3, String bucket,
                          Clock clock, int writers) {
        this.repository = repository;
        this.contents = contents;
        this.collections = collections;
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
        this.writers = writers;
    }

    /** How the caller steers a run: when to stop for a continuation, and how progress is saved (false: lease lost). */
    public interface Control {
        boolean shouldPause();

        boolean save(ImportJobItem job);
    }

    /** How a run ended; a finished dry run carries its preview and the errors inline. */
    public enum Outcome { FINISHED, PAUSED, LEASE_LOST }

    public record Result(Outcome outcome, List<PreviewRow> preview, List<RowError> errors, long moreErrors) {
    }

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public Result run(ImportJobItem job, Source source, Control control) {
        ImportOptions options = ImportOptions.fromJson(job.getOptions());
        boolean dryRun = Boolean.TRUE.equals(job.getDryRun());
        job.setState(JobState.RUNNING);
        if (job.getStartedAt() == null) {
            job.setStartedAt(now());
        }
        try (ErrorLog log = new ErrorLog(dryRun ? INLINE_ERRORS : ErrorLog.FIRST);
             RowReader rows = ImportReader.open(source.open(), job.getFileName(), job.getContentType(), options.settings())) {
            job.setFormat(rows.format().name().toLowerCase(java.util.Locale.ROOT));
            job.setEncoding(rows.encoding().name());
            job.setDelimiter(rows.delimiter() == null ? null : rows.delimiter().toString());
            job.setMapping(Json.write(rows.mapping()));
            OwnerLibrary library = OwnerLibrary.load(job.getOwnerId(), repository, collections);
            if (options.collectionId() != null && !library.ownsCollection(options.collectionId())) {
                return fail(job, control, "collectionId: collection not found");
            }
            PromptService prompts = new PromptService(repository, contents, (owner, ids) -> library.ownedCollections(ids), clock);
            var run = new Run(job, new RowPlanner(job.getJobId(), job.getOwnerId(), options, library, prompts, rows.mapping()), prompts, log, dryRun, control);
            return run.process(rows);
        } catch (ImportFileException e) {
            return fail(job, control, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result fail(ImportJobItem job, Control control, String message) {
        job.setState(JobState.FAILED);
        job.setMessage(message);
        job.setFinishedAt(now());
        job.setUpdatedAt(job.getFinishedAt());
        return new Result(control.save(job) ? Outcome.FINISHED : Outcome.LEASE_LOST, List.of(), List.of(), 0);
    }

    private String now() {
        return Timestamps.now(clock);
    }

    /** One run over the rows: the window being planned, and the writer that writes the ones before it meanwhile. */
    private final class Run {
        private final ImportJobItem job;
        private final RowPlanner planner;
        private final PromptService prompts;
        private final ErrorLog log;
        private final boolean dryRun;
        private final Control control;
        private final long resumeAfter;
        private final List<PreviewRow> preview = new ArrayList<>();
        private Window window = new Window();

        Run(ImportJobItem job, RowPlanner planner, PromptService prompts, ErrorLog log, boolean dryRun, Control control) {
            this.job = job;
            this.planner = planner;
            this.prompts = prompts;
            this.log = log;
            this.dryRun = dryRun;
            this.control = control;
            this.resumeAfter = job.getCheckpoint() == null ? 0 : job.getCheckpoint();
        }

        Result process(RowReader rows) {
            try (WindowWriter writer = new WindowWriter(repository, prompts, job.getOwnerId(), writers)) {
                while (rows.hasNext()) {
                    SourceRow row = rows.next();
                    if (row.row() <= resumeAfter) {
                        replay(row);
                        continue;
                    }
                    if (window.isEmpty() && control.shouldPause()) {
                        return commit(writer.drain()) && control.save(job) ? new Result(Outcome.PAUSED, List.of(), List.of(), 0) : lost();
                    }
                    add(planner.plan(row, dryRun));
                    if ((window.size() >= WINDOW_ROWS || window.contentChars() >= WINDOW_CHARS) && !commit(send(writer))) {
                        return lost();
                    }
                }
                if (!commit(send(writer)) || !commit(writer.drain())) {
                    return lost();
                }
                return finish();
            }
        }

        /** A row an earlier run committed: only its errors and name count again (the planner is deterministic). */
        private void replay(SourceRow row) {
            RowPlanner.Plan plan = planner.plan(row, true);
            plan.errors().forEach(log::add);
            plan.warnings().forEach(log::add);
        }

        private void add(RowPlanner.Plan plan) {
            window.add(plan, plan.draft() == null ? 0 : plan.draft().content().length());
            if (preview.size() < PREVIEW_ROWS) {
                preview.add(preview(plan));
            }
        }

        /** Hands the full window to the writer (a dry run writes nothing: it is done at once); returns the windows written by now. */
        private List<Window> send(WindowWriter writer) {
            Window full = window;
            window = new Window();
            if (full.isEmpty()) {
                return List.of();
            }
            return dryRun ? List.of(full) : writer.submit(full);
        }

        /** Counts written windows (in file order) and saves the checkpoint after the last; false when the lease was lost. */
        private boolean commit(List<Window> written) {
            if (written.isEmpty()) {
                return true;
            }
            for (Window done : written) {
                for (int i = 0; i < done.size(); i++) {
                    done.errors(i).forEach(log::add);
                    count(done.outcome(i), done.plan(i));
                }
                job.setCheckpoint(done.lastRow());
            }
            job.setFirstErrors(Json.write(log.first()));
            job.setUpdatedAt(now());
            return dryRun || control.save(job);
        }

        private void count(RowPlanner.Action outcome, RowPlanner.Plan plan) {
            job.setProcessed(job.getProcessed() + 1);
            switch (outcome) {
                case CREATE, DUPLICATE, ALREADY_CREATED -> job.setCreated(job.getCreated() + 1);
                case UPDATE -> job.setUpdated(job.getUpdated() + 1);
                case SKIP -> job.setSkipped(job.getSkipped() + 1);
                case FAIL -> job.setFailed(job.getFailed() + 1);
            }
            if (!plan.warnings().isEmpty()) {
                job.setWarnings(job.getWarnings() + 1);
            }
        }

        private Result finish() {
            job.setTotal(job.getProcessed());
            job.setState(job.getFailed() == 0 ? JobState.SUCCEEDED
                    : job.getFailed() == job.getTotal() ? JobState.FAILED : JobState.PARTIALLY_SUCCEEDED);
            if (job.getState().equals(JobState.FAILED)) {
                job.setMessage("no row could be imported; see the errors");
            }
            if (log.count() > 0) {
                String key = REPORT_PREFIX + job.getJobId() + ".csv";
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(log.report()));
                job.setErrorReportKey(key);
            }
            if (dryRun) {
                job.setPreview(Json.write(preview.stream().map(ImportPipeline::abbreviated).toList()));
            }
            job.setFirstErrors(Json.write(log.first()));
            job.setFinishedAt(now());
            job.setUpdatedAt(job.getFinishedAt());
            job.setLeaseUntil(0L);
            if (!control.save(job)) {
                return lost();
            }
            List<RowError> inline = dryRun ? log.inline() : log.first();
            return new Result(Outcome.FINISHED, List.copyOf(preview), inline, log.count() - inline.size());
        }

        private Result lost() {
            return new Result(Outcome.LEASE_LOST, List.of(), List.of(), 0);
        }

        private PreviewRow preview(RowPlanner.Plan plan) {
            PromptDraft d = plan.draft();
            String action = (plan.action() == RowPlanner.Action.ALREADY_CREATED ? RowPlanner.Action.CREATE : plan.action()).name().toLowerCase(java.util.Locale.ROOT);
            if (d == null) {
                return new PreviewRow(plan.row(), action, null, null, null, null, List.of(), null, List.of(), List.of(), null, List.of(),
                        java.util.Map.of(), null);
            }
            String existing = plan.action() == RowPlanner.Action.UPDATE || plan.action() == RowPlanner.Action.SKIP ? plan.targetId() : null;
            return new PreviewRow(plan.row(), action, existing, d.name(), d.content(), d.description(), d.tags(), d.model(),
                    plan.collectionNames(), plan.newCollections(), d.visibility().value(), d.variables(), d.metadata(), plan.duplicateOf());
        }
    }

    /** The preview kept in the job record: content cut to 2,000 characters so the item stays small. */
    private static PreviewRow abbreviated(PreviewRow row) {
        String content = row.content() == null || row.content().length() <= 2_000 ? row.content() : row.content().substring(0, 2_000) + "…";
        return new PreviewRow(row.row(), row.action(), row.existingId(), row.name(), content, row.description(), row.tags(), row.model(),
                row.collections(), row.newCollections(), row.visibility(), row.variables(), row.metadata(), row.duplicateOf());
    }
}
