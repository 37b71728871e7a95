package io.promptcms.importexport.imports;

import io.promptcms.common.Page;
import java.util.Optional;

/**
 * Where import jobs are kept. Every write that matters is conditional: a job is created once (a second delivery of
 * the same object finds it), a lease is taken only when none is live, a reserved job is bound to the first object
 * that arrives for it, and progress is saved only by the holder of the lease — an invocation that lost its lease
 * (it stalled past it and another took over) stops.
 */
public interface ImportJobStore {

    /** False when a job with this id exists already. */
    boolean createIfAbsent(ImportJob job);

    Optional<ImportJob> get(String jobId);

    /**
     * Takes the job's lease for {@code owner} until {@code until} (epoch ms) if the job is unfinished and nobody
     * holds a live lease ({@link io.promptcms.importexport.job.JobStatus#leaseableAt}); the job as leased, or empty.
     */
    Optional<ImportJob> acquireLease(String jobId, String owner, long now, long until);

    /** Writes the job as the holder of its lease; false when the lease was lost. */
    boolean saveAsHolder(ImportJob job);

    /** Writes a job nobody runs yet (a reservation, a dry run's record) unconditionally. */
    void put(ImportJob job);

    /** Writes the reserved job bound to its object ({@link ImportJob#claimed}) unless another object version claimed it first. */
    boolean claim(ImportJob claimed);

    /** The owner's jobs, newest first. */
    Page<ImportJob> list(String ownerId, int limit, String cursor);
}
