package io.promptcms.importexport.exports;

import io.promptcms.importexport.job.JobState;
import io.promptcms.importexport.job.JobStatus;

/**
 * An export job. {@code objectKey} is where the file goes ({@code exports/<ownerId>/<jobId>.<ext>});
 * {@code exported} grows while it runs; {@code sizeBytes} is known once the file is written. Every change is a
 * method that returns the changed job.
 */
public record ExportJob(String jobId, String ownerId, ExportOptions options, String fileName, String objectKey, long exported,
                        long missing, Long sizeBytes, JobStatus status) {

    public static ExportJob queued(String jobId, String ownerId, ExportOptions options, String fileName, String objectKey, String now) {
        return new ExportJob(jobId, ownerId, options, fileName, objectKey, 0, 0, null, JobStatus.queued(now));
    }

    public JobState state() {
        return status.state();
    }

    public ExportJob withStatus(JobStatus newStatus) {
        return new ExportJob(jobId, ownerId, options, fileName, objectKey, exported, missing, sizeBytes, newStatus);
    }

    /** Running from the first prompt again (a rerun after a crash writes the whole file again). */
    public ExportJob startedOver(String now) {
        return new ExportJob(jobId, ownerId, options, fileName, objectKey, 0, missing, sizeBytes, status.startedOver(now));
    }

    public ExportJob progressed(long exportedSoFar) {
        return new ExportJob(jobId, ownerId, options, fileName, objectKey, exportedSoFar, missing, sizeBytes, status);
    }

    public ExportJob succeeded(long exportedPrompts, long missingIds, long size, String now) {
        return new ExportJob(jobId, ownerId, options, fileName, objectKey, exportedPrompts, missingIds, size,
                status.finished(JobState.SUCCEEDED, null, now));
    }

    public ExportJob failed(String message, String now) {
        return withStatus(status.finished(JobState.FAILED, message, now));
    }
}
