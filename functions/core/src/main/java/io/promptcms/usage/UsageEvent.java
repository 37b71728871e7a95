package io.promptcms.usage;

import io.promptcms.pricing.CostEstimate;
import java.time.Instant;
import java.util.Map;

/**
 * One LLM call: a run made by PromptCMS ({@link Source#RUN}) or a call made elsewhere and reported through
 * {@code POST /usage/track} ({@link Source#TRACK}). Rollups and prompt counters are derived from these events,
 * each counted once by its {@code eventId} however often it is delivered.
 *
 * @param promptId      null when the call is not tied to a prompt
 * @param promptVersion null when unknown
 * @param latencyMs     null when not reported
 * @param error         the provider's message when {@code status} is FAILED
 */
public record UsageEvent(
        String eventId,
        String ownerId,
        Source source,
        String promptId,
        Long promptVersion,
        String model,
        String provider,
        long inputTokens,
        long outputTokens,
        CostEstimate cost,
        Long latencyMs,
        Status status,
        String error,
        Instant occurredAt,
        Instant recordedAt,
        Map<String, String> metadata) {

    public enum Source { RUN, TRACK }

    public enum Status { SUCCEEDED, FAILED }
}
