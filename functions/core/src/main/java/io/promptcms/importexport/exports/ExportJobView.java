package io.promptcms.importexport.exports;

import io.promptcms.importexport.job.JobState;
import io.promptcms.importexport.job.JobStatus;

/**
 * An export job as the API shows it. {@code exported} grows while it runs; {@code total} is known when it is
 * done; {@code downloadUrl} (valid until {@code downloadUrlExpiresAt}) once it succeeded.
 */
public record ExportJobView(
        String jobId,
        String state,
        ExportOptions options,
        String fileName,
        long exported,
        long missing,
        Long total,
        Long sizeBytes,
        String downloadUrl,
        String downloadUrlExpiresAt,
        String message,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt) {

    /** A presigned download URL and when it expires. */
    public record Download(String url, String expiresAt) {
    }

    public static ExportJobView of(ExportJob job, Download download) {
        JobStatus status = job.status();
        boolean done = status.state() == JobState.SUCCEEDED;
        return new ExportJobView(job.jobId(), status.state().value(), job.options(), job.fileName(), job.exported(), job.missing(),
                done ? job.exported() : null, job.sizeBytes(), download == null ? null : download.url(),
                download == null ? null : download.expiresAt(), status.message(), status.createdAt(), status.startedAt(),
                status.finishedAt(), status.updatedAt());
    }
}
