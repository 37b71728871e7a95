package io.promptcms.importexport.imports;

import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.job.JobStatus;
import java.util.List;
import java.util.Map;

/** An import job as the API shows it. {@code total} is known once the file is read to its end. */
public record ImportJobView(
        String jobId,
        String state,
        boolean dryRun,
        Source source,
        ImportOptions options,
        Long total,
        long processed,
        long created,
        long updated,
        long skipped,
        long failed,
        long warnings,
        List<RowError> firstErrors,
        String errorReportUrl,
        Detected detected,
        String message,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt,
        List<PreviewRow> preview) {

    public record Source(String kind, String fileName, String key) {
    }

    public record Detected(String format, String encoding, String delimiter, Map<String, String> mapping) {
    }

    public static ImportJobView of(ImportJob job, String errorReportUrl) {
        ImportSource source = job.source();
        ImportCounters counters = job.counters();
        JobStatus status = job.status();
        DetectedFormat found = job.detected();
        return new ImportJobView(job.jobId(), status.state().value(), job.dryRun(), new Source(source.kind(), source.fileName(), source.key()),
                job.options(), job.total(), counters.processed(), counters.created(), counters.updated(), counters.skipped(),
                counters.failed(), counters.warnings(), job.firstErrors() == null ? List.of() : job.firstErrors(), errorReportUrl,
                found == null ? null : new Detected(found.format(), found.encoding(), found.delimiter(), found.mapping()),
                status.message(), status.createdAt(), status.startedAt(), status.finishedAt(), status.updatedAt(), job.preview());
    }
}
