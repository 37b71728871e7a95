package io.promptcms.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** The answer of {@code POST /usage/track}: what was recorded now, what had been recorded before (a retry). */
public record TrackResult(int recorded, int duplicates, List<Event> events) {

    public TrackResult {
        events = List.copyOf(events);
    }

    /**
     * One event of the request, by its position. {@code costUsd} is null when the model has no known price
     * ({@code costUnknownReason} says why): the call happened and is counted, its cost is not guessed.
     */
    public record Event(int index, String eventId, String status, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal costUsd,
                        String costUnknownReason) {
        public static final String RECORDED = "recorded";
        public static final String DUPLICATE = "duplicate";
    }
}
