package io.promptcms.importexport.exports;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Timestamps;
import io.promptcms.importexport.format.ExportWriter;
import io.promptcms.importexport.job.JobState;
import io.promptcms.importexport.job.JobStatus;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Bulk export. A small export (at most {@link #MAX_INLINE_PROMPTS} prompts and {@link #MAX_INLINE_BYTES} of file)
 * is rendered within the request. A larger one is a job: the API records it and writes an <em>export request</em>
 * marker {@code export-requests/<userId>/<jobId>.json}, whose S3 event starts the export function; that renders
 * the file into {@code exports/<userId>/<jobId>.<ext>} and the job then hands out a presigned download URL.
 * <p>
 * Why a marker object rather than an asynchronous Lambda invoke: it is the same mechanism as the import's
 * continuation markers, needs no {@code lambda:InvokeFunction} permission or function name in the API's
 * environment, and runs unchanged in the local runtime (its S3 pump delivers the event). S3 events arrive at
 * least once: only the holder of the job's lease runs it, a finished job is never run again, and a run that
 * died (timeout, crash) leaves a lease that expires, so a redelivered event starts the export over; the file
 * is written whole at the end, so a rerun simply writes it again.
 */
public final class ExportService {

    public static final int MAX_INLINE_PROMPTS = 1_000;
    /**
     * The largest file answered inline. The body travels base64-encoded (the exact bytes, BOM included), which
     * grows it by a third, and a synchronous Lambda response is at most 6 MB: 4 MiB → 5.6 MB.
     */
    public static final int MAX_INLINE_BYTES = 4 * 1024 * 1024;
    public static final String JOB_ID_PREFIX = "exp";
    public static final String REQUEST_PREFIX = "export-requests/";
    public static final String FILE_PREFIX = "exports/";
    public static final Duration DOWNLOAD_URL_LIFETIME = Duration.ofMinutes(15);
    public static final Duration LEASE = Duration.ofSeconds(45);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(ExportService.class.getName());

    private final PromptExporter exporter;
    private final ExportJobStore store;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    /** @param presigner null where no URL is handed out (the S3-triggered function) */
    public ExportService(PromptExporter exporter, ExportJobStore store, S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.exporter = exporter;
        this.store = store;
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** A file rendered within the request. */
    public record InlineFile(byte[] bytes, String fileName, String contentType, long exported, long missing) {
    }

    /** The export rendered in memory, or empty when it outgrows an inline answer (then make it a job). */
    public Optional<InlineFile> inline(String userId, ExportOptions options) {
        if (options.selection().ids() != null && options.selection().ids().size() > MAX_INLINE_PROMPTS) {
            return Optional.empty();
        }
        var buffer = new ByteArrayOutputStream();
        PromptExporter.Result result = render(buffer, userId, options,
                exported -> exported <= MAX_INLINE_PROMPTS && buffer.size() <= MAX_INLINE_BYTES);
        if (!result.complete() || buffer.size() > MAX_INLINE_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new InlineFile(buffer.toByteArray(), fileName(options), options.contentType(), result.exported(), result.missing()));
    }

    /** Records a queued job and writes its request marker; the export function runs it. */
    public ExportJobView request(String userId, ExportOptions options) {
        String jobId = Ids.newId(JOB_ID_PREFIX);
        ExportJob job = ExportJob.queued(jobId, userId, options, fileName(options), FILE_PREFIX + userId + "/" + jobId + "." + options.extension(),
                Timestamps.now(clock));
        store.create(job);
        s3.putObject(b -> b.bucket(bucket).key(requestKey(userId, jobId)).contentType("application/json"),
                RequestBody.fromString("{\"jobId\":\"" + jobId + "\"}"));
        return ExportJobView.of(job, null);
    }

    static String requestKey(String userId, String jobId) {
        return REQUEST_PREFIX + userId + "/" + jobId + ".json";
    }

    /** The S3 event of a request marker (key URL-decoded): runs its job unless it is done or running elsewhere. */
    public void requested(String markerKey) {
        String[] parts = markerKey.substring(Math.min(markerKey.length(), REQUEST_PREFIX.length())).split("/");
        String jobId = parts.length == 2 && parts[1].endsWith(".json") ? parts[1].substring(0, parts[1].length() - ".json".length()) : "";
        if (!markerKey.startsWith(REQUEST_PREFIX) || !Ids.looksLike(JOB_ID_PREFIX, jobId)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring " + markerKey + ": not " + REQUEST_PREFIX + "<user id>/<job id>.json");
            return;
        }
        String owner = UUID.randomUUID().toString();
        long now = clock.millis();
        Optional<ExportJob> leased = store.acquireLease(jobId, owner, now, now + LEASE.toMillis())
                .filter(job -> parts[0].equals(job.ownerId()));
        if (leased.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "export " + jobId + " is finished, running elsewhere or not under its owner's prefix; nothing to do");
            return;
        }
        new Run(leased.get()).run();
    }

    /** One run of a leased job: the job as it stands, saved as the lease holder. */
    private final class Run {
        private ExportJob job;

        Run(ExportJob leased) {
            this.job = leased;
        }

        void run() {
            ExportOptions options = job.options();
            job = job.startedOver(Timestamps.now(clock));
            if (!save(true)) {
                return;
            }
            Path file = null;
            try {
                file = Files.createTempFile("export-", "." + options.extension());
                long[] lastSave = {clock.millis()};
                boolean[] leaseLost = {false};
                PromptExporter.Result result;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                    result = render(out, job.ownerId(), options, exported -> {
                        if (clock.millis() - lastSave[0] >= SAVE_EVERY.toMillis()) {
                            lastSave[0] = clock.millis();
                            job = job.progressed(exported);
                            leaseLost[0] = !save(true);
                        }
                        return !leaseLost[0];
                    });
                }
                if (leaseLost[0]) {
                    LOG.log(System.Logger.Level.WARNING, "export " + job.jobId() + " lost its lease; another invocation runs it");
                    return;
                }
                long size = Files.size(file);
                Path written = file;
                s3.putObject(b -> b.bucket(bucket).key(job.objectKey()).contentType(options.contentType())
                        .contentDisposition(contentDisposition(job.fileName())), RequestBody.fromFile(written));
                job = job.succeeded(result.exported(), result.missing(), size, Timestamps.now(clock));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "export " + job.jobId() + " failed", e);
                job = job.failed("the export failed; request it again (" + e.getClass().getSimpleName() + ")", Timestamps.now(clock));
            } finally {
                deleteQuietly(file);
            }
            save(false);
        }

        private boolean save(boolean renewLease) {
            JobStatus status = job.status();
            status = renewLease ? status.leaseRenewedUntil(clock.millis() + LEASE.toMillis()) : status.leaseReleased();
            ExportJob saving = job.withStatus(status.touched(Timestamps.now(clock)));
            if (!store.saveAsHolder(saving)) {
                return false;
            }
            job = saving;
            return true;
        }
    }

    private PromptExporter.Result render(OutputStream out, String userId, ExportOptions options, PromptExporter.Progress progress) {
        try (ExportWriter writer = ExportWriter.open(out, options.exportFormat(), options.mode())) {
            return exporter.export(userId, options.selection(), writer, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller's job and, once it succeeded, a download URL valid for 15 minutes; another user's (or none) is 404. */
    public ExportJobView get(String userId, String jobId) {
        ExportJob job = (Ids.looksLike(JOB_ID_PREFIX, jobId) ? store.get(jobId) : Optional.<ExportJob>empty())
                .filter(found -> Objects.equals(userId, found.ownerId()))
                .orElseThrow(() -> ApiException.notFound("export job"));
        if (job.state() != JobState.SUCCEEDED) {
            return ExportJobView.of(job, null);
        }
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(DOWNLOAD_URL_LIFETIME)
                .getObjectRequest(r -> r.bucket(bucket).key(job.objectKey())));
        return ExportJobView.of(job, new ExportJobView.Download(presigned.url().toString(), Timestamps.format(presigned.expiration())));
    }

    /** {@code prompts-<UTC date>.<ext>}. */
    private String fileName(ExportOptions options) {
        return "prompts-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "." + options.extension();
    }

    public static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + file + ": " + e);
        }
    }
}
