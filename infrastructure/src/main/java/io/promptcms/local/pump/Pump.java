package io.promptcms.local.pump;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

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

    /** Polls {@code done} every 20 ms until it holds (true) or {@code timeout} passes (false). */
    static boolean waitUntil(BooleanSupplier done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
