package io.promptcms.importexport.export;

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

    public static ExportJobView of(ExportJobItem job, Download download) {
        boolean done = io.promptcms.importexport.job.JobState.SUCCEEDED.equals(job.getState());
        return new ExportJobView(job.getJobId(), job.getState(), ExportOptions.fromJson(job.getOptions()), job.getFileName(),
                zero(job.getExported()), zero(job.getMissing()), done ? job.getExported() : null, job.getSizeBytes(),
                download == null ? null : download.url(), download == null ? null : download.expiresAt(), job.getMessage(),
                job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), job.getUpdatedAt());
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }
}
