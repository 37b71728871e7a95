package io.promptcms.importexport.job;

/**
 * Which invocation runs a job ({@code owner}) and until when (epoch ms). A released lease keeps its owner with
 * {@code until} 0, so the holder's final save still passes the "holder only" condition.
 */
public record Lease(String owner, long until) {

    public boolean isLiveAt(long now) {
        return until > now;
    }

    public Lease renewedUntil(long until) {
        return new Lease(owner, until);
    }

    /** The lease ended; {@code lease} may be null (a job nobody leased, such as a test's). */
    public static Lease released(Lease lease) {
        return new Lease(lease == null ? null : lease.owner(), 0);
    }
}
