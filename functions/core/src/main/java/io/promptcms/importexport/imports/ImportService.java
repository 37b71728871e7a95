package io.promptcms.importexport.imports;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.Timestamps;
import io.promptcms.importexport.job.JobStatus;
import io.promptcms.prompt.CollectionLookup;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Import jobs from every entry point, run by the one {@link ImportPipeline}.
 * <ul>
 *   <li>An object in {@code imports/<userId>/…} is imported for that user. Its job id is derived from bucket, key
 *       and version id (or ETag), and created with a conditional put: a second delivery of the same object finds the
 *       job. Keys {@code imports/<userId>/<jobId>/<file>} belong to a job reserved beforehand (upload URL, staged API
 *       body) that carries the caller's options; the first object version there claims it.</li>
 *   <li>Only the holder of the job's lease runs it. The lease lasts {@link #LEASE} and is renewed with every saved
 *       window; a delivery that finds a live lease does nothing, one that finds an expired lease (its holder died)
 *       takes over and resumes after the checkpoint.</li>
 *   <li>When the invocation's remaining time falls under {@link #PAUSE_MARGIN}, the run stops after a window,
 *       releases the lease and writes a continuation marker {@code import-continuations/<jobId>/<n>}: its S3 event
 *       starts the next invocation, which resumes. (A marker needs no Lambda-invoke permission or extra queue, works
 *       the same in the local runtime, and a lost marker delivery is retried by S3/Lambda like any other event.)</li>
 * </ul>
 */
public final class ImportService {

    public static final Duration LEASE = Duration.ofSeconds(45);
    public static final Duration PAUSE_MARGIN = Duration.ofSeconds(60);
    public static final Duration UPLOAD_URL_LIFETIME = Duration.ofMinutes(15);
    public static final String CONTINUATION_PREFIX = "import-continuations/";
    static final int SOURCE_ATTEMPTS = 3;

    private static final System.Logger LOG = System.getLogger(ImportService.class.getName());

    private final ImportJobStore store;
    private final ImportPipeline pipeline;
    private final CollectionLookup collections;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    /** @param presigner null where no URL is handed out (the S3-triggered function) */
    public ImportService(ImportJobStore store, ImportPipeline pipeline, CollectionLookup collections, S3Client s3, S3Presigner presigner,
                      String bucket, Clock clock) {
        this.store = store;
        this.pipeline = pipeline;
        this.collections = collections;
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ S3 events

    /** A new object in the drop folder (key already URL-decoded). Returns the job's id, or empty when the key is not a drop. */
    public Optional<String> objectCreated(String objectBucket, String key, String etag, String versionId, LongSupplier remainingMillis) {
        Optional<DropKey> drop = DropKey.parse(key);
        if (drop.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignoring " + key + ": not imports/<user id>/<file>");
            return Optional.empty();
        }
        ImportJob job = jobFor(objectBucket, drop.get(), etag, versionId);
        run(job.jobId(), remainingMillis);
        return Optional.of(job.jobId());
    }

    /** A continuation marker's job: resume it. */
    public void continuation(String markerKey, LongSupplier remainingMillis) {
        String rest = markerKey.substring(CONTINUATION_PREFIX.length());
        run(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest, remainingMillis);
    }

    private ImportJob jobFor(String objectBucket, DropKey drop, String etag, String versionId) {
        ImportJob reserved = drop.reservedJobId() == null ? null : store.get(drop.reservedJobId())
                .filter(job -> drop.userId().equals(job.ownerId()) && drop.key().equals(job.source().key())).orElse(null);
        Optional<ImportJob> claimed = reserved == null ? Optional.empty() : claim(reserved, etag, versionId);
        if (claimed.isPresent()) {
            return claimed.get();
        }
        String jobId = Ids.derivedId(DropKey.JOB_ID_PREFIX, objectBucket, drop.key(), versionId != null ? "version:" + versionId : "etag:" + etag);
        ImportSource source = (reserved == null ? ImportSource.of("s3", drop.fileName(), null)
                : ImportSource.of(reserved.source().kind(), drop.fileName(), reserved.source().contentType()))
                .at(objectBucket, drop.key()).version(etag, versionId);
        ImportJob job = ImportJob.queued(jobId, drop.userId(), source, reserved == null ? ImportOptions.DEFAULTS : reserved.options(),
                Timestamps.now(clock));
        if (!store.createIfAbsent(job)) {
            return store.get(jobId).orElseThrow();
        }
        return job;
    }

    /** Binds a reserved job to the object that arrived: only the first object version claims it. Empty when another did. */
    private Optional<ImportJob> claim(ImportJob reserved, String etag, String versionId) {
        if (reserved.source().isClaimed()) {
            return reserved.source().isVersion(etag, versionId) ? Optional.of(reserved) : Optional.empty();
        }
        ImportJob claimed = reserved.claimed(etag, versionId);
        return store.claim(claimed) ? Optional.of(claimed) : Optional.empty();
    }

    /** Runs the job if this invocation gets its lease; else someone else runs it or it is done. */
    private void run(String jobId, LongSupplier remainingMillis) {
        String owner = UUID.randomUUID().toString();
        long now = clock.millis();
        Optional<ImportJob> leased = store.acquireLease(jobId, owner, now, now + LEASE.toMillis());
        if (leased.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "import " + jobId + " is finished or running elsewhere; nothing to do");
            return;
        }
        var control = new LeaseControl(leased.get(), remainingMillis);
        ImportPipeline.Result result;
        try {
            result = runResuming(control);
        } catch (NoSuchKeyException e) {
            failUnreadable(control, "the file is gone: " + leased.get().source().key());
            return;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                failUnreadable(control, "the file was replaced while it was imported; the new version is imported as a job of its own");
                return;
            }
            release(control.lastSaved());
            throw e;
        } catch (RuntimeException e) {
            release(control.lastSaved());
            throw e;
        }
        if (result.outcome() == ImportPipeline.Outcome.PAUSED) {
            ImportJob paused = result.job().paused();
            if (store.saveAsHolder(paused)) {
                s3.putObject(b -> b.bucket(bucket).key(CONTINUATION_PREFIX + jobId + "/" + paused.continuations()), RequestBody.fromString(jobId));
            }
        }
    }

    /**
     * Runs the pipeline over the object, read in ranged chunks ({@link RangedObjectStream}). A read that fails
     * mid-file all the same (the SDK's own retries exhausted) is not a
     * property of the file: the object is read again and the run resumes after the checkpoint, as a retried
     * invocation would, up to {@value #SOURCE_ATTEMPTS} times.
     */
    private ImportPipeline.Result runResuming(LeaseControl control) {
        for (int attempt = 1; ; attempt++) {
            ImportJob job = control.lastSaved();
            try {
                return pipeline.run(job, () -> new RangedObjectStream(s3, objectRequest(job.source())), control);
            } catch (UncheckedIOException e) {
                if (attempt == SOURCE_ATTEMPTS) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "reading " + job.source().key() + " failed after row " + control.lastSaved().checkpoint()
                        + " (" + e.getMessage() + "); reading it again from there");
            }
        }
    }

    private static GetObjectRequest objectRequest(ImportSource source) {
        var request = GetObjectRequest.builder().bucket(source.bucket()).key(source.key());
        if (source.versionId() != null) {
            request.versionId(source.versionId());
        } else if (source.etag() != null) {
            request.ifMatch(source.etag());
        }
        return request.build();
    }

    private void failUnreadable(LeaseControl control, String message) {
        ImportJob failed = control.lastSaved().failed(message, Timestamps.now(clock));
        control.save(failed.withStatus(failed.status().leaseReleased()));
    }

    private void release(ImportJob job) {
        try {
            store.saveAsHolder(job.withStatus(job.status().leaseReleased()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the lease of " + job.jobId() + ": " + e);
        }
    }

    /**
     * Saves as the lease holder, renewing the lease unless the run is ending or pausing; remembers the job as last
     * saved, which is where a retry resumes and what a failure is recorded on.
     */
    private final class LeaseControl implements ImportPipeline.Control {
        private final LongSupplier remainingMillis;
        private ImportJob lastSaved;
        private boolean pausing;

        LeaseControl(ImportJob leased, LongSupplier remainingMillis) {
            this.lastSaved = leased;
            this.remainingMillis = remainingMillis;
        }

        ImportJob lastSaved() {
            return lastSaved;
        }

        @Override
        public boolean shouldPause() {
            pausing = remainingMillis.getAsLong() < PAUSE_MARGIN.toMillis();
            return pausing;
        }

        @Override
        public Optional<ImportJob> save(ImportJob job) {
            JobStatus status = job.status();
            if (!pausing && !status.state().isFinal()) {
                status = status.leaseRenewedUntil(clock.millis() + LEASE.toMillis());
            }
            ImportJob saving = job.withStatus(status.touched(Timestamps.now(clock)));
            if (!store.saveAsHolder(saving)) {
                return Optional.empty();
            }
            lastSaved = saving;
            return Optional.of(saving);
        }
    }

    // ------------------------------------------------------------------ API entry points

    /** Imports a small file within the request: the job as it ended and, for a dry run, the preview and errors inline. */
    public ImportPipeline.Result runInline(String userId, byte[] file, String fileName, String contentType, ImportOptions options) {
        requireOwnDestination(userId, options);
        String owner = UUID.randomUUID().toString();
        ImportJob job = ImportJob.queued(Ids.newId(DropKey.JOB_ID_PREFIX), userId, ImportSource.of("api", fileName, contentType), options,
                Timestamps.now(clock)).leasedTo(owner, clock.millis() + LEASE.toMillis());
        store.put(job);
        return pipeline.run(job, () -> new ByteArrayInputStream(file), new LeaseControl(job, () -> Long.MAX_VALUE));
    }

    /** Stages a large body in the caller's drop folder under a reserved job; the S3-triggered function runs it. */
    public ImportJob stage(String userId, byte[] file, String fileName, String contentType, ImportOptions options) {
        requireOwnDestination(userId, options);
        ImportJob job = reserve(userId, "api", fileName, contentType, options);
        var put = s3.putObject(b -> b.bucket(bucket).key(job.source().key()).contentType(contentType), RequestBody.fromBytes(file));
        return claim(job, put.eTag() == null ? null : put.eTag().replace("\"", ""), put.versionId()).orElse(job);
    }

    /** A job waiting for its file, and the presigned PUT URL (15 minutes) that delivers it. */
    public record Upload(ImportJob job, String url, String expiresAt) {
    }

    public Upload reserveUpload(String userId, String fileName, String contentType, ImportOptions options) {
        requireOwnDestination(userId, options);
        ImportJob job = reserve(userId, "upload", fileName, contentType, options);
        var presigned = presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_URL_LIFETIME)
                .putObjectRequest(r -> r.bucket(bucket).key(job.source().key()).contentType(contentType)));
        return new Upload(job, presigned.url().toString(), Timestamps.format(presigned.expiration()));
    }

    private void requireOwnDestination(String userId, ImportOptions options) {
        options.destinationError(id -> !collections.ownedBy(userId, Set.of(id)).isEmpty())
                .ifPresent(error -> {
                    throw ApiException.validation(List.of(error));
                });
    }

    private ImportJob reserve(String userId, String kind, String fileName, String contentType, ImportOptions options) {
        String name = safeFileName(fileName);
        String jobId = Ids.newId(DropKey.JOB_ID_PREFIX);
        ImportSource source = ImportSource.of(kind, name, contentType).at(bucket, DropKey.of(userId, jobId, name));
        ImportJob job = ImportJob.queued(jobId, userId, source, options, Timestamps.now(clock));
        store.put(job);
        return job;
    }

    /** The caller's job; another user's (or none) is 404. */
    public ImportJob get(String userId, String jobId) {
        return (Ids.looksLike(DropKey.JOB_ID_PREFIX, jobId) ? store.get(jobId) : Optional.<ImportJob>empty())
                .filter(job -> Objects.equals(userId, job.ownerId()))
                .orElseThrow(() -> ApiException.notFound("import job"));
    }

    public Page<ImportJob> list(String userId, int limit, String cursor) {
        return store.list(userId, limit, cursor);
    }

    /** A download URL for the job's error report (15 minutes), or null when it has none. */
    public String errorReportUrl(ImportJob job) {
        if (job.errorReportKey() == null || presigner == null) {
            return null;
        }
        return presigner.presignGetObject(p -> p.signatureDuration(UPLOAD_URL_LIFETIME)
                .getObjectRequest(r -> r.bucket(bucket).key(job.errorReportKey()))).url().toString();
    }

    /** A file name usable as the last key segment: no path, no control characters, at most 200 characters. */
    static String safeFileName(String fileName) {
        String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "import";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
