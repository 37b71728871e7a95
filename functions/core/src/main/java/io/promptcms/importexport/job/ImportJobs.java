package io.promptcms.importexport.job;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.Timestamps;
import io.promptcms.importexport.pipeline.ImportPipeline;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
public final class ImportJobs {

    public static final Duration LEASE = Duration.ofSeconds(45);
    public static final Duration PAUSE_MARGIN = Duration.ofSeconds(60);
    public static final Duration UPLOAD_URL_LIFETIME = Duration.ofMinutes(15);
    public static final String CONTINUATION_PREFIX = "import-continuations/";
    static final int SOURCE_ATTEMPTS = 3;

    private static final System.Logger LOG = System.getLogger(ImportJobs.class.getName());

    private final ImportJobStore store;
    private final ImportPipeline pipeline;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    /** @param presigner null where no URL is handed out (the S3-triggered function) */
    public ImportJobs(ImportJobStore store, ImportPipeline pipeline, S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.store = store;
        this.pipeline = pipeline;
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
        ImportJobItem job = jobFor(objectBucket, drop.get(), etag, versionId);
        run(job.getJobId(), remainingMillis);
        return Optional.of(job.getJobId());
    }

    /** A continuation marker's job: resume it. */
    public void continuation(String markerKey, LongSupplier remainingMillis) {
        String rest = markerKey.substring(CONTINUATION_PREFIX.length());
        run(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest, remainingMillis);
    }

    private ImportJobItem jobFor(String objectBucket, DropKey drop, String etag, String versionId) {
        ImportJobItem reserved = drop.reservedJobId() == null ? null : store.get(drop.reservedJobId())
                .filter(job -> drop.userId().equals(job.getOwnerId()) && drop.key().equals(job.getSourceKey())).orElse(null);
        if (reserved != null && store.claim(reserved, etag, versionId)) {
            return reserved;
        }
        String jobId = Ids.derivedId(DropKey.JOB_ID_PREFIX, objectBucket, drop.key(), versionId != null ? "version:" + versionId : "etag:" + etag);
        ImportJobItem job = newJob(jobId, drop.userId(), reserved == null ? "s3" : reserved.getSourceKind(), drop.fileName(),
                reserved == null ? ImportOptions.DEFAULTS : ImportOptions.fromJson(reserved.getOptions()));
        job.setContentType(reserved == null ? null : reserved.getContentType());
        job.setSourceBucket(objectBucket);
        job.setSourceKey(drop.key());
        job.setSourceEtag(etag);
        job.setSourceVersionId(versionId);
        if (!store.createIfAbsent(job)) {
            return store.get(jobId).orElseThrow();
        }
        return job;
    }

    /** Runs the job if this invocation gets its lease; else someone else runs it or it is done. */
    private void run(String jobId, LongSupplier remainingMillis) {
        String owner = UUID.randomUUID().toString();
        long now = clock.millis();
        Optional<ImportJobItem> leased = store.acquireLease(jobId, owner, now, now + LEASE.toMillis());
        if (leased.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "import " + jobId + " is finished or running elsewhere; nothing to do");
            return;
        }
        ImportJobItem job = leased.get();
        var control = new LeaseControl(owner, remainingMillis);
        ImportPipeline.Result result;
        try {
            result = runResuming(job, control);
        } catch (NoSuchKeyException e) {
            failUnreadable(job, control, "the file is gone: " + job.getSourceKey());
            return;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                failUnreadable(job, control, "the file was replaced while it was imported; the new version is imported as a job of its own");
                return;
            }
            release(job, owner);
            throw e;
        } catch (RuntimeException e) {
            release(job, owner);
            throw e;
        }
        if (result.outcome() == ImportPipeline.Outcome.PAUSED) {
            long next = job.getContinuations() == null ? 1 : job.getContinuations() + 1;
            job.setContinuations(next);
            job.setLeaseUntil(0L);
            if (store.saveAsHolder(job, owner)) {
                s3.putObject(b -> b.bucket(bucket).key(CONTINUATION_PREFIX + jobId + "/" + next), RequestBody.fromString(jobId));
            }
        }
    }

    /**
     * Runs the pipeline over the object, read in ranged chunks ({@link RangedObjectStream}). A read that fails
     * mid-file all the same (the SDK's own retries exhausted) is not a
     * property of the file: the object is read again and the run resumes after the checkpoint, as a retried
     * invocation would, up to {@value #SOURCE_ATTEMPTS} times.
     */
    private ImportPipeline.Result runResuming(ImportJobItem job, LeaseControl control) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pipeline.run(job, () -> new RangedObjectStream(s3, objectRequest(job)), control);
            } catch (UncheckedIOException e) {
                if (attempt == SOURCE_ATTEMPTS) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "reading " + job.getSourceKey() + " failed after row " + job.getCheckpoint()
                        + " (" + e.getMessage() + "); reading it again from there");
            }
        }
    }

    private GetObjectRequest objectRequest(ImportJobItem job) {
        var request = GetObjectRequest.builder().bucket(job.getSourceBucket()).key(job.getSourceKey());
        if (job.getSourceVersionId() != null) {
            request.versionId(job.getSourceVersionId());
        } else if (job.getSourceEtag() != null) {
            request.ifMatch(job.getSourceEtag());
        }
        return request.build();
    }

    private void failUnreadable(ImportJobItem job, LeaseControl control, String message) {
        job.setState(JobState.FAILED);
        job.setMessage(message);
        job.setFinishedAt(Timestamps.now(clock));
        job.setLeaseUntil(0L);
        control.save(job);
    }

    private void release(ImportJobItem job, String owner) {
        try {
            job.setLeaseUntil(0L);
            store.saveAsHolder(job, owner);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the lease of " + job.getJobId() + ": " + e);
        }
    }

    /** Saves as the lease holder, renewing the lease unless the run is ending or pausing. */
    private final class LeaseControl implements ImportPipeline.Control {
        private final String owner;
        private final LongSupplier remainingMillis;
        private boolean pausing;

        LeaseControl(String owner, LongSupplier remainingMillis) {
            this.owner = owner;
            this.remainingMillis = remainingMillis;
        }

        @Override
        public boolean shouldPause() {
            pausing = remainingMillis.getAsLong() < PAUSE_MARGIN.toMillis();
            return pausing;
        }

        @Override
        public boolean save(ImportJobItem job) {
            if (!pausing && !JobState.isFinal(job.getState())) {
                job.setLeaseUntil(clock.millis() + LEASE.toMillis());
            }
            job.setUpdatedAt(Timestamps.now(clock));
            return store.saveAsHolder(job, owner);
        }
    }

    // ------------------------------------------------------------------ API entry points

    /** What the API answers for a run it did itself: the job and, for a dry run, the preview and errors inline. */
    public record InlineRun(ImportJobItem job, ImportPipeline.Result result) {
    }

    /** Imports a small file within the request. */
    public InlineRun runInline(String userId, byte[] file, String fileName, String contentType, ImportOptions options) {
        ImportJobItem job = newJob(Ids.newId(DropKey.JOB_ID_PREFIX), userId, "api", fileName, options);
        job.setContentType(contentType);
        String owner = UUID.randomUUID().toString();
        job.setLeaseOwner(owner);
        job.setLeaseUntil(clock.millis() + LEASE.toMillis());
        store.put(job);
        var result = pipeline.run(job, () -> new java.io.ByteArrayInputStream(file), new LeaseControl(owner, () -> Long.MAX_VALUE));
        return new InlineRun(job, result);
    }

    /** Stages a large body in the caller's drop folder under a reserved job; the S3-triggered function runs it. */
    public ImportJobItem stage(String userId, byte[] file, String fileName, String contentType, ImportOptions options) {
        ImportJobItem job = reserve(userId, "api", fileName, contentType, options);
        var put = s3.putObject(b -> b.bucket(bucket).key(job.getSourceKey()).contentType(contentType), RequestBody.fromBytes(file));
        store.claim(job, put.eTag() == null ? null : put.eTag().replace("\"", ""), put.versionId());
        return job;
    }

    /** A job waiting for its file, and the presigned PUT URL (15 minutes) that delivers it. */
    public record Upload(ImportJobItem job, String url, String expiresAt) {
    }

    public Upload reserveUpload(String userId, String fileName, String contentType, ImportOptions options) {
        ImportJobItem job = reserve(userId, "upload", fileName, contentType, options);
        var presigned = presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_URL_LIFETIME)
                .putObjectRequest(r -> r.bucket(bucket).key(job.getSourceKey()).contentType(contentType)));
        return new Upload(job, presigned.url().toString(), Timestamps.format(presigned.expiration()));
    }

    private ImportJobItem reserve(String userId, String kind, String fileName, String contentType, ImportOptions options) {
        String name = safeFileName(fileName);
        ImportJobItem job = newJob(Ids.newId(DropKey.JOB_ID_PREFIX), userId, kind, name, options);
        job.setContentType(contentType);
        job.setSourceBucket(bucket);
        job.setSourceKey(DropKey.of(userId, job.getJobId(), name));
        store.put(job);
        return job;
    }

    /** The caller's job; another user's (or none) is 404. */
    public ImportJobItem get(String userId, String jobId) {
        return (Ids.looksLike(DropKey.JOB_ID_PREFIX, jobId) ? store.get(jobId) : Optional.<ImportJobItem>empty())
                .filter(job -> Objects.equals(userId, job.getOwnerId()))
                .orElseThrow(() -> ApiException.notFound("import job"));
    }

    public Page<ImportJobItem> list(String userId, int limit, String cursor) {
        return store.list(userId, limit, cursor);
    }

    /** A download URL for the job's error report (15 minutes), or null when it has none. */
    public String errorReportUrl(ImportJobItem job) {
        if (job.getErrorReportKey() == null || presigner == null) {
            return null;
        }
        return presigner.presignGetObject(p -> p.signatureDuration(UPLOAD_URL_LIFETIME)
                .getObjectRequest(r -> r.bucket(bucket).key(job.getErrorReportKey()))).url().toString();
    }

    private ImportJobItem newJob(String jobId, String userId, String kind, String fileName, ImportOptions options) {
        String now = Timestamps.now(clock);
        ImportJobItem job = new ImportJobItem();
        job.setJobId(jobId);
        job.setOwnerId(userId);
        job.setOwnerSort(now + "#" + jobId);
        job.setSourceKind(kind);
        job.setFileName(fileName);
        job.setState(JobState.QUEUED);
        job.setDryRun(options.dryRun());
        job.setOptions(options.toJson());
        job.resetCounters();
        job.setCreatedAt(now);
        job.setUpdatedAt(now);
        return job;
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
