package io.promptcms.importexport.imports;

import io.promptcms.collection.CollectionService;
import io.promptcms.common.FieldError;
import io.promptcms.common.Timestamps;
import io.promptcms.importexport.format.ImportFileException;
import io.promptcms.importexport.format.ImportReader;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.format.RowReader;
import io.promptcms.importexport.format.SourceRow;
import io.promptcms.prompt.ContentStore;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** How the caller steers a run: when to stop for a continuation, and how progress is saved (the job as saved; empty: lease lost). */
    public interface Control {
        boolean shouldPause();

        Optional<ImportJob> save(ImportJob job);
    }

    /** How a run ended; a finished dry run carries its preview and the errors inline. */
    public enum Outcome { FINISHED, PAUSED, LEASE_LOST }

    /** How the run ended and the job as it last stood (as saved, but for a lost lease). */
    public record Result(Outcome outcome, ImportJob job, List<PreviewRow> preview, List<RowError> errors, long moreErrors) {
    }

    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public Result run(ImportJob leased, Source source, Control control) {
        ImportOptions options = leased.options();
        ImportJob job = leased.running(now());
        try (ErrorLog log = new ErrorLog(job.dryRun() ? INLINE_ERRORS : ErrorLog.FIRST);
             RowReader rows = ImportReader.open(source.open(), job.source().fileName(), job.source().contentType(), options.settings())) {
            job = job.detected(new DetectedFormat(rows.format().name().toLowerCase(java.util.Locale.ROOT), rows.encoding().name(),
                    rows.delimiter() == null ? null : rows.delimiter().toString(), rows.mapping()));
            OwnerLibrary library = OwnerLibrary.load(job.ownerId(), repository, collections);
            Optional<FieldError> destination = options.destinationError(library::ownsCollection);
            if (destination.isPresent()) {
                return fail(job, control, destination.get().field() + ": " + destination.get().message());
            }
            PromptService prompts = new PromptService(repository, contents, (owner, ids) -> library.ownedCollections(ids), clock);
            var planner = new RowPlanner(job.jobId(), job.ownerId(), options, library, prompts, rows.mapping());
            return new Run(job, planner, prompts, log, control).process(rows);
        } catch (ImportFileException e) {
            return fail(job, control, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result fail(ImportJob job, Control control, String message) {
        ImportJob failed = job.failed(message, now());
        return control.save(failed).map(saved -> new Result(Outcome.FINISHED, saved, List.of(), List.of(), 0))
                .orElseGet(() -> new Result(Outcome.LEASE_LOST, failed, List.of(), List.of(), 0));
    }

    private String now() {
        return Timestamps.now(clock);
    }

    /** One run over the rows: the job as it stands, the window being planned, and the writer that writes the ones before it meanwhile. */
    private final class Run {
        private final RowPlanner planner;
        private final PromptService prompts;
        private final ErrorLog log;
        private final boolean dryRun;
        private final Control control;
        private final long resumeAfter;
        private final List<PreviewRow> preview = new ArrayList<>();
        private ImportJob job;
        private Window window = new Window();

        Run(ImportJob job, RowPlanner planner, PromptService prompts, ErrorLog log, Control control) {
            this.job = job;
            this.planner = planner;
            this.prompts = prompts;
            this.log = log;
            this.dryRun = job.dryRun();
            this.control = control;
            this.resumeAfter = job.checkpoint();
        }

        Result process(RowReader rows) {
            try (WindowWriter writer = new WindowWriter(repository, prompts, job.ownerId(), writers)) {
                while (rows.hasNext()) {
                    SourceRow row = rows.next();
                    if (row.row() <= resumeAfter) {
                        replay(row);
                        continue;
                    }
                    if (window.isEmpty() && control.shouldPause()) {
                        return commit(writer.drain()) && save() ? result(Outcome.PAUSED, List.of(), List.of(), 0) : lost();
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
            } catch (ImportFileException e) {
                return fail(job, control, e.getMessage());
            }
        }

        /** A row an earlier run committed: only its errors and name count again (the planner is deterministic). */
        private void replay(SourceRow row) {
            RowPlanner.Plan plan = planner.plan(row, true);
            plan.errors().forEach(log::add);
            plan.warnings().forEach(log::add);
        }

        private void add(RowPlanner.Plan plan) {
            window.add(plan, plan.draft() == null ? 0 : plan.draft().fields().content().length());
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
            ImportCounters counters = job.counters();
            long checkpoint = job.checkpoint();
            for (Window done : written) {
                for (int i = 0; i < done.size(); i++) {
                    done.errors(i).forEach(log::add);
                    counters = counters.counted(done.outcome(i), !done.plan(i).warnings().isEmpty());
                }
                checkpoint = done.lastRow();
            }
            job = job.checkpointed(counters, checkpoint, log.first(), now());
            return dryRun || save();
        }

        /** Saves the job through the control; false when the lease was lost. */
        private boolean save() {
            Optional<ImportJob> saved = control.save(job);
            saved.ifPresent(current -> job = current);
            return saved.isPresent();
        }

        private Result finish() {
            String reportKey = null;
            if (log.count() > 0) {
                reportKey = REPORT_PREFIX + job.jobId() + ".csv";
                String key = reportKey;
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromFile(log.report()));
            }
            List<PreviewRow> kept = dryRun ? preview.stream().map(ImportPipeline::abbreviated).toList() : null;
            job = job.finished(log.first(), reportKey, kept, now());
            if (!save()) {
                return lost();
            }
            List<RowError> inline = dryRun ? log.inline() : log.first();
            return result(Outcome.FINISHED, List.copyOf(preview), inline, log.count() - inline.size());
        }

        private Result result(Outcome outcome, List<PreviewRow> rows, List<RowError> errors, long moreErrors) {
            return new Result(outcome, job, rows, errors, moreErrors);
        }

        private Result lost() {
            return result(Outcome.LEASE_LOST, List.of(), List.of(), 0);
        }

        private PreviewRow preview(RowPlanner.Plan plan) {
            PromptDraft d = plan.draft();
            String action = (plan.action() == RowPlanner.Action.ALREADY_CREATED ? RowPlanner.Action.CREATE : plan.action()).name().toLowerCase(java.util.Locale.ROOT);
            if (d == null) {
                return new PreviewRow(plan.row(), action, null, null, null, null, List.of(), null, List.of(), List.of(), null, List.of(),
                        java.util.Map.of(), null);
            }
            String existing = plan.action() == RowPlanner.Action.UPDATE || plan.action() == RowPlanner.Action.SKIP ? plan.targetId() : null;
            PromptFields f = d.fields();
            return new PreviewRow(plan.row(), action, existing, f.name(), f.content(), f.description(), f.tags(), f.model(),
                    plan.collectionNames(), plan.newCollections(), d.visibility().value(), f.variables(), f.metadata(), plan.duplicateOf());
        }
    }

    /** The preview kept in the job record: content cut to 2,000 characters so the item stays small. */
    private static PreviewRow abbreviated(PreviewRow row) {
        String content = row.content() == null || row.content().length() <= 2_000 ? row.content() : row.content().substring(0, 2_000) + "…";
        return new PreviewRow(row.row(), row.action(), row.existingId(), row.name(), content, row.description(), row.tags(), row.model(),
                row.collections(), row.newCollections(), row.visibility(), row.variables(), row.metadata(), row.duplicateOf());
    }
}
