package io.promptcms.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.pricing.Pricing;
import io.promptcms.prompt.OwnedPrompts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records LLM calls made outside PromptCMS ({@code POST /usage/track}). The whole request is validated first, then
 * its prompts are checked to be the caller's (404 otherwise), and only then are the events written: a bad request
 * records nothing. A missing cost is computed from the price catalog at the moment of the call; a model without a
 * price is still recorded (the call happened) with an unknown cost and the reason.
 * <p>
 * Event ids are deterministic where the client gives us something to derive them from, so a retry records nothing
 * twice: from the client's {@code eventId}, else from the {@code Idempotency-Key} and the event's position. A
 * request with neither gets random ids: retrying it can count its calls twice.
 */
public final class UsageTrackingService {

    /** Conditional puts in flight at once for one request (a batch of 500 then takes ~500/16 round trips). */
    static final int PARALLEL_PUTS = 16;
    private static final System.Logger LOG = System.getLogger(UsageTrackingService.class.getName());

    private final UsageEvents events;
    private final OwnedPrompts prompts;
    private final Pricing pricing;
    private final Clock clock;
    private final Duration retention;
    private final ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_PUTS, Thread.ofPlatform().daemon().name("usage-put-", 0).factory());

    public UsageTrackingService(UsageEvents events, OwnedPrompts prompts, Pricing pricing, Clock clock, int retentionDays) {
        this.events = events;
        this.prompts = prompts;
        this.pricing = pricing;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
    }

    /** Records the calls of {@code body} for {@code ownerId}; {@code idempotencyKey} may be null. */
    public TrackResult track(String ownerId, JsonNode body, String idempotencyKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<TrackedCall> calls = TrackRequestReader.read(body, now, retention);
        List<String> promptIds = calls.stream().map(TrackedCall::promptId).filter(Objects::nonNull).distinct().toList();
        Set<String> owned = prompts.ownedAmong(ownerId, promptIds);
        // Said without the id: a problem never repeats an id that may be someone else's.
        for (int i = 0; i < calls.size(); i++) {
            String promptId = calls.get(i).promptId();
            if (promptId != null && !owned.contains(promptId)) {
                throw ApiException.notFound(calls.size() == 1 ? "prompt" : "the prompt of events[" + i + "]");
            }
        }
        List<UsageEvent> usage = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            usage.add(event(ownerId, calls.get(i), eventId(ownerId, calls.get(i), idempotencyKey, i), now));
        }
        List<Boolean> written = recordAll(usage);
        List<TrackResult.Event> results = new ArrayList<>(usage.size());
        int recorded = 0;
        for (int i = 0; i < usage.size(); i++) {
            UsageEvent event = usage.get(i);
            boolean isNew = written.get(i);
            recorded += isNew ? 1 : 0;
            results.add(new TrackResult.Event(i, event.eventId(), isNew ? TrackResult.Event.RECORDED : TrackResult.Event.DUPLICATE,
                    event.cost().usd(), event.cost().unknownReason()));
        }
        return new TrackResult(recorded, usage.size() - recorded, results);
    }

    private static String eventId(String ownerId, TrackedCall call, String idempotencyKey, int index) {
        if (call.clientEventId() != null) {
            return Ids.derivedId("evt", ownerId, "event", call.clientEventId());
        }
        if (idempotencyKey != null) {
            return Ids.derivedId("evt", ownerId, "idempotency-key", idempotencyKey, Integer.toString(index));
        }
        return Ids.newId("evt");
    }

    private UsageEvent event(String ownerId, TrackedCall call, String eventId, Instant now) {
        CostEstimate cost = call.costUsd() != null
                ? CostEstimate.known(call.costUsd())
                : pricing.cost(call.model(), call.occurredAt(), call.inputTokens(), call.outputTokens());
        return new UsageEvent(eventId, ownerId, UsageEvent.Source.TRACK, call.promptId(), call.promptVersion(), pricing.canonicalId(call.model()), call.provider(),
                call.inputTokens(), call.outputTokens(), cost, call.latencyMs(), call.status(), call.error(), call.occurredAt(), now,
                call.metadata());
    }

    /** Writes every event, {@value #PARALLEL_PUTS} at a time; true where written, false where it existed already. */
    private List<Boolean> recordAll(List<UsageEvent> usage) {
        List<Future<Boolean>> futures = usage.stream().map(event -> writers.submit(() -> events.record(event))).toList();
        List<Boolean> written = new ArrayList<>(usage.size());
        int failed = 0;
        for (Future<Boolean> future : futures) {
            try {
                written.add(future.get());
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot record a usage event", e.getCause());
                failed++;
                written.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while recording usage", e);
            }
        }
        if (failed > 0) {
            throw new ApiException(ProblemType.UNAVAILABLE, failed + " of " + usage.size() + " events could not be recorded; send the request "
                    + "again with the same Idempotency-Key or event ids: those already recorded are then reported as duplicates");
        }
        return written;
    }
}
