package io.promptcms.importexport.imports;

import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.job.JobState;
import io.promptcms.importexport.job.JobStatus;
import java.util.List;

/**
 * An import job. {@code checkpoint} is the last row up to which every row is written and counted; {@code total}
 * is known once the file is read to its end. {@code detected} is null until the file was opened, {@code firstErrors}
 * until the first window was counted, {@code preview} unless a dry run finished. {@code continuations} counts the
 * pauses. Every change is a method that returns the changed job.
 */
public record ImportJob(String jobId, String ownerId, ImportSource source, ImportOptions options, JobStatus status,
                        DetectedFormat detected, ImportCounters counters, long checkpoint, Long total, List<RowError> firstErrors,
                        String errorReportKey, List<PreviewRow> preview, long continuations) {

    public static ImportJob queued(String jobId, String ownerId, ImportSource source, ImportOptions options, String now) {
        return new ImportJob(jobId, ownerId, source, options, JobStatus.queued(now), null, ImportCounters.NONE, 0, null, null,
                null, null, 0);
    }

    public JobState state() {
        return status.state();
    }

    public boolean dryRun() {
        return options.dryRun();
    }

    public ImportJob withStatus(JobStatus newStatus) {
        return new ImportJob(jobId, ownerId, source, options, newStatus, detected, counters, checkpoint, total, firstErrors,
                errorReportKey, preview, continuations);
    }

    public ImportJob leasedTo(String owner, long until) {
        return withStatus(status.leasedTo(owner, until));
    }

    /** Bound to this version of the object at its key. */
    public ImportJob claimed(String etag, String versionId) {
        return new ImportJob(jobId, ownerId, source.version(etag, versionId), options, status, detected, counters, checkpoint, total,
                firstErrors, errorReportKey, preview, continuations);
    }

    public ImportJob running(String now) {
        return withStatus(status.running(now));
    }

    public ImportJob detected(DetectedFormat format) {
        return new ImportJob(jobId, ownerId, source, options, status, format, counters, checkpoint, total, firstErrors,
                errorReportKey, preview, continuations);
    }

    /** Rows up to {@code row} are written and counted. */
    public ImportJob checkpointed(ImportCounters newCounters, long row, List<RowError> errors, String now) {
        return new ImportJob(jobId, ownerId, source, options, status.touched(now), detected, newCounters, row, total, List.copyOf(errors),
                errorReportKey, preview, continuations);
    }

    /**
     * Every row counted: succeeded, partially succeeded, or failed when no row could be imported. The lease is
     * released; {@code reportKey} and {@code dryRunPreview} may be null.
     */
    public ImportJob finished(List<RowError> errors, String reportKey, List<PreviewRow> dryRunPreview, String now) {
        JobState outcome = counters.failed() == 0 ? JobState.SUCCEEDED
                : counters.failed() == counters.processed() ? JobState.FAILED : JobState.PARTIALLY_SUCCEEDED;
        String message = outcome == JobState.FAILED ? "no row could be imported; see the errors" : null;
        return new ImportJob(jobId, ownerId, source, options, status.finished(outcome, message, now).leaseReleased(), detected, counters,
                checkpoint, counters.processed(), List.copyOf(errors), reportKey, dryRunPreview, continuations);
    }

    /** The file as a whole cannot be imported. */
    public ImportJob failed(String message, String now) {
        return withStatus(status.finished(JobState.FAILED, message, now));
    }

    /** Paused for a continuation: the lease is released for the next invocation. */
    public ImportJob paused() {
        return new ImportJob(jobId, ownerId, source, options, status.leaseReleased(), detected, counters, checkpoint, total,
                firstErrors, errorReportKey, preview, continuations + 1);
    }
}
