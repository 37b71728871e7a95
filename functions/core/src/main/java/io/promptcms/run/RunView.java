package io.promptcms.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.promptcms.common.Timestamps;
import io.promptcms.usage.UsageEvent;
import java.math.BigDecimal;
import java.util.Locale;

/** One entry of a prompt's run history: a run made here or a call reported through usage tracking. */
public record RunView(
        String runId,
        String source,
        Long promptVersion,
        String model,
        String provider,
        String status,
        String error,
        long inputTokens,
        long outputTokens,
        @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal costUsd,
        String costUnknownReason,
        Long latencyMs,
        String occurredAt) {

    public static RunView of(UsageEvent event) {
        return new RunView(event.eventId(), event.source().name().toLowerCase(Locale.ROOT), event.promptVersion(), event.model(),
                event.provider(), event.status().name().toLowerCase(Locale.ROOT), event.error(), event.inputTokens(), event.outputTokens(),
                event.cost().usd(), event.cost().unknownReason(), event.latencyMs(), Timestamps.format(event.occurredAt()));
    }
}
