package io.promptcms.importexport.job;

/**
 * What import and export jobs share: their state and its message, the lease of the invocation that runs them
 * (null until one took it) and their timestamps. Every change is a method that returns the changed status.
 */
public record JobStatus(JobState state, String message, Lease lease, String createdAt, String startedAt, String finishedAt,
                        String updatedAt) {

    public static JobStatus queued(String now) {
        return new JobStatus(JobState.QUEUED, null, null, now, null, null, now);
    }

    /** Running; a resumed run keeps the time the first one started. */
    public JobStatus running(String now) {
        return new JobStatus(JobState.RUNNING, message, lease, createdAt, startedAt == null ? now : startedAt, finishedAt, updatedAt);
    }

    /** Running from scratch: a run that starts over (an export) starts the clock again. */
    public JobStatus startedOver(String now) {
        return new JobStatus(JobState.RUNNING, message, lease, createdAt, now, finishedAt, updatedAt);
    }

    /** A final state; a null {@code message} keeps the one there is. */
    public JobStatus finished(JobState finalState, String finalMessage, String now) {
        if (!finalState.isFinal()) {
            throw new IllegalArgumentException(finalState + " is not a final state");
        }
        return new JobStatus(finalState, finalMessage == null ? message : finalMessage, lease, createdAt, startedAt, now, now);
    }

    public JobStatus leasedTo(String owner, long until) {
        return withLease(new Lease(owner, until));
    }

    public JobStatus leaseRenewedUntil(long until) {
        return withLease(lease.renewedUntil(until));
    }

    public JobStatus leaseReleased() {
        return withLease(Lease.released(lease));
    }

    public JobStatus touched(String now) {
        return new JobStatus(state, message, lease, createdAt, startedAt, finishedAt, now);
    }

    /** Nobody may take a finished job; an unfinished one is free once its lease (if any) ran out. */
    public boolean leaseableAt(long now) {
        return !state.isFinal() && (lease == null || !lease.isLiveAt(now));
    }

    private JobStatus withLease(Lease newLease) {
        return new JobStatus(state, message, newLease, createdAt, startedAt, finishedAt, updatedAt);
    }
}
