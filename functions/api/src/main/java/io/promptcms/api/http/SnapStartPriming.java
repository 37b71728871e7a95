package io.promptcms.api.http;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Primes a function before Lambda SnapStart takes its snapshot: the given code makes harmless calls (a read of a
 * prompt that does not exist, the JSON mapper, the lazily built clients) so class loading, TLS set-up and JIT
 * warm-up are in the snapshot rather than in the first request after a restore. Outside SnapStart (locally,
 * in tests, on Lambda without it) no checkpoint happens and the code never runs.
 */
public final class SnapStartPriming implements Resource {

    private final Runnable priming;

    private SnapStartPriming(Runnable priming) {
        this.priming = priming;
    }

    /** Registers {@code priming}; keep the returned object referenced (the CRaC context holds resources weakly). */
    public static SnapStartPriming register(Runnable priming) {
        SnapStartPriming resource = new SnapStartPriming(priming);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to undo: the clients reconnect on demand
    }
}
