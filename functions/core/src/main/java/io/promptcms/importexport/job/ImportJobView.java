package io.promptcms.importexport.job;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.common.Json;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.pipeline.PreviewRow;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static ImportJobView of(ImportJobItem job, String errorReportUrl) {
        return new ImportJobView(job.getJobId(), job.getState(), Boolean.TRUE.equals(job.getDryRun()),
                new Source(job.getSourceKind(), job.getFileName(), job.getSourceKey()),
                ImportOptions.fromJson(job.getOptions()), job.getTotal(), zero(job.getProcessed()), zero(job.getCreated()),
                zero(job.getUpdated()), zero(job.getSkipped()), zero(job.getFailed()), zero(job.getWarnings()),
                read(job.getFirstErrors(), new TypeReference<List<RowError>>() { }, List.of()), errorReportUrl,
                job.getFormat() == null ? null : new Detected(job.getFormat(), job.getEncoding(), job.getDelimiter(),
                        read(job.getMapping(), new TypeReference<Map<String, String>>() { }, Map.of())),
                job.getMessage(), job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(), job.getUpdatedAt(),
                job.getPreview() == null ? null : read(job.getPreview(), new TypeReference<List<PreviewRow>>() { }, List.of()));
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> T read(String json, TypeReference<T> type, T absent) {
        if (json == null) {
            return absent;
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
