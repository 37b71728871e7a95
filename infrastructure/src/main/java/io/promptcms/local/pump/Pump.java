package io.promptcms.local.pump;

import java.time.Duration;

/** Turns something a local engine cannot emit (stream records, new objects, clock ticks) into function invocations. */
public interface Pump extends AutoCloseable {

    void start();

    /**
     * Waits until everything pending when called has been delivered (or, after its retries, written to failed/).
     * @return false when {@code timeout} passed first
     */
    boolean awaitIdle(Duration timeout);

    @Override
    void close();
}
