package io.promptcms.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One call as reported to {@code POST /usage/track}, validated ({@link TrackRequestReader}); absent optional fields
 * are null. {@code occurredAt} is already defaulted to the moment of the request.
 */
public record TrackedCall(
        String clientEventId,
        String promptId,
        Long promptVersion,
        String model,
        String provider,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        Long latencyMs,
        Instant occurredAt,
        UsageEvent.Status status,
        String error,
        Map<String, String> metadata) {
}
