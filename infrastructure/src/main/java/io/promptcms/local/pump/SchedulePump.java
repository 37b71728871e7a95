package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.promptcms.local.function.LocalFunction;
import io.promptcms.local.template.EventSource.ScheduleSource;
import io.promptcms.local.template.LocalValues;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * {@code Schedule}/{@code ScheduleV2} events: a {@code rate(n unit)} runs on a local timer (first run one period after
 * start, as on AWS); cron expressions are not emulated on a clock. Every schedule also runs on demand,
 * {@link #trigger}ed by {@code POST /_local/schedules/<FunctionLogicalId>} on the gateway.
 */
final class SchedulePump implements Pump {

    private static final System.Logger LOG = System.getLogger(SchedulePump.class.getName());

    record Scheduled(LocalFunction function, ScheduleSource source) {
    }

    private final List<Scheduled> schedules;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pump-schedules").daemon().factory());
    private final AtomicInteger inFlight = new AtomicInteger();

    SchedulePump(List<Scheduled> schedules) {
        this.schedules = schedules;
    }

    @Override
    public void start() {
        for (Scheduled scheduled : schedules) {
            if (!scheduled.source().enabled()) {
                continue;
            }
            scheduled.source().rate().ifPresentOrElse(
                    rate -> timer.scheduleAtFixedRate(() -> fireQuietly(scheduled), rate.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS),
                    () -> LOG.log(System.Logger.Level.INFO, "{0}: schedule {1} runs on demand only (POST /_local/schedules/{0})",
                            scheduled.function().name(), scheduled.source().expression()));
        }
    }

    /** Runs the function's schedule now and waits for it; false when the function has no schedule. */
    boolean trigger(String function) {
        for (Scheduled scheduled : schedules) {
            if (scheduled.function().name().equals(function)) {
                fire(scheduled);
                return true;
            }
        }
        return false;
    }

    private void fireQuietly(Scheduled scheduled) {
        try {
            fire(scheduled);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "scheduled run of " + scheduled.function().name() + " failed: " + e);
        }
    }

    private void fire(Scheduled scheduled) {
        inFlight.incrementAndGet();
        try {
            scheduled.function().invoke(event(scheduled));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static ScheduledEvent event(Scheduled scheduled) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalValues.ACCOUNT);
        event.setRegion(LocalValues.REGION);
        event.setTime(new DateTime(Instant.now().toEpochMilli(), DateTimeZone.UTC));
        event.setResources(List.of("arn:aws:events:" + LocalValues.REGION + ":" + LocalValues.ACCOUNT + ":rule/"
                + scheduled.function().name() + "-" + scheduled.source().name()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
        return Pump.waitUntil(() -> inFlight.get() == 0, timeout);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
