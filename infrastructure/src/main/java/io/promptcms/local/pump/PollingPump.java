package io.promptcms.local.pump;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A pump that polls on a fixed delay. It is idle once a whole poll that started after the caller asked found
 * nothing to deliver: anything written before {@link #awaitIdle} was called has then been seen and delivered.
 */
abstract class PollingPump implements Pump {

    private static final System.Logger LOG = System.getLogger(PollingPump.class.getName());

    private final String name;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private volatile long startedPolls;
    private volatile long lastQuietPoll = -1;
    private volatile boolean closed;
    private String lastFailure;

    PollingPump(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pump-" + name).daemon().factory());
    }

    /** One poll; returns how many items it handled (delivered or gave up on). */
    abstract int poll() throws Exception;

    @Override
    public final void start() {
        scheduler.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        long poll = ++startedPolls;
        try {
            if (poll() == 0) {
                lastQuietPoll = poll;
            }
            lastFailure = null;
        } catch (Exception e) {
            // a poll that keeps failing the same way is reported once, not every interval
            if (!closed && !e.getClass().getName().equals(lastFailure)) {
                LOG.log(System.Logger.Level.WARNING, "pump " + name + " poll failed (retrying every " + interval.toMillis() + " ms): " + e);
            }
            lastFailure = e.getClass().getName();
        }
    }

    boolean closed() {
        return closed;
    }

    /** Backoff between retries; false when the pump is closing (the caller then stops without checkpointing). */
    boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public final boolean awaitIdle(Duration timeout) {
        long asked = startedPolls;
        return Pump.waitUntil(() -> lastQuietPoll > asked, timeout);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
