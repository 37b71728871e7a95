package io.promptcms.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /usage/track} — one call object, or {@code {"events": [...]}} with 1 to
 * {@value #MAX_EVENTS} — and validates all of it before anything is recorded: every error of every event is
 * reported at once ({@code events[3].inputTokens}), up to {@value #MAX_ERRORS} of them.
 */
public final class TrackRequestReader {

    public static final int MAX_EVENTS = 500;
    public static final long MAX_TOKENS = 10_000_000;
    public static final BigDecimal MAX_COST_USD = BigDecimal.valueOf(100_000);
    public static final long MAX_LATENCY_MS = 3_600_000;
    /** Clocks disagree a little; a call reported further in the future than this is a client bug. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    static final int MAX_ERRORS = 100;
    private static final int MAX_EVENT_ID = 128;
    private static final int MAX_MODEL = 200;
    private static final int MAX_PROVIDER = 100;
    private static final int MAX_ERROR = 2_000;
    private static final int MAX_METADATA_ENTRIES = 20;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Set<String> FIELDS = Set.of("eventId", "promptId", "promptVersion", "model", "provider", "inputTokens",
            "outputTokens", "costUsd", "latencyMs", "occurredAt", "status", "error", "metadata");

    private final Instant now;
    private final Duration retention;
    private final List<FieldError> errors = new ArrayList<>();

    private TrackRequestReader(Instant now, Duration retention) {
        this.now = now;
        this.retention = retention;
    }

    /** The calls of the body; a 400 naming every invalid field when any is invalid. */
    public static List<TrackedCall> read(JsonNode body, Instant now, Duration retention) {
        return new TrackRequestReader(now, retention).calls(body);
    }

    private List<TrackedCall> calls(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new FieldError("body", "must be an event object or {\"events\": [...]}")));
        }
        if (!body.has("events")) {
            TrackedCall call = call(body, "");
            throwIfInvalid();
            return List.of(call);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events")) {
                error(name, "unknown field (a batch holds only \"events\")");
            }
        });
        JsonNode events = body.get("events");
        if (!events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ApiException.validation(List.of(new FieldError("events", "must be an array of 1 to " + MAX_EVENTS + " events"
                    + (events.isArray() ? " (got " + events.size() + ")" : ""))));
        }
        List<TrackedCall> calls = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            calls.add(call(events.get(i), "events[" + i + "]."));
        }
        throwIfInvalid();
        return calls;
    }

    private TrackedCall call(JsonNode node, String prefix) {
        if (!node.isObject()) {
            error(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be an event object");
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                error(prefix + name, "unknown field");
            }
        });
        String eventId = text(node, prefix, "eventId", MAX_EVENT_ID);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            error(prefix + "eventId", "may hold only letters, digits and . _ : -");
        }
        Long promptVersion = whole(node, prefix, "promptVersion", 1, Integer.MAX_VALUE);
        String model = text(node, prefix, "model", MAX_MODEL);
        if (model == null) {
            error(prefix + "model", "is required");
        }
        Long inputTokens = required(node, prefix, "inputTokens", whole(node, prefix, "inputTokens", 0, MAX_TOKENS));
        Long outputTokens = required(node, prefix, "outputTokens", whole(node, prefix, "outputTokens", 0, MAX_TOKENS));
        BigDecimal cost = cost(node, prefix);
        Long latencyMs = whole(node, prefix, "latencyMs", 0, MAX_LATENCY_MS);
        Instant occurredAt = occurredAt(node, prefix);
        UsageEvent.Status status = status(node, prefix);
        String error = text(node, prefix, "error", MAX_ERROR);
        Map<String, String> metadata = metadata(node, prefix);
        return new TrackedCall(eventId, text(node, prefix, "promptId", MAX_EVENT_ID), promptVersion, model,
                text(node, prefix, "provider", MAX_PROVIDER), inputTokens == null ? 0 : inputTokens, outputTokens == null ? 0 : outputTokens,
                cost, latencyMs, occurredAt, status, error, metadata);
    }

    private String text(JsonNode node, String prefix, String field, int maxLength) {
        JsonNode value = present(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            error(prefix + field, "must be a non-empty string");
            return null;
        }
        if (value.asText().length() > maxLength) {
            error(prefix + field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value.asText();
    }

    private Long whole(JsonNode node, String prefix, String field, long min, long max) {
        JsonNode value = present(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 0) {
            error(prefix + field, "must be a whole number");
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(prefix + field, "must be from " + min + " to " + max);
            return null;
        }
        return number.longValueExact();
    }

    private Long required(JsonNode node, String prefix, String field, Long value) {
        if (present(node, field) == null) {
            error(prefix + field, "is required");
        }
        return value;
    }

    private BigDecimal cost(JsonNode node, String prefix) {
        JsonNode value = present(node, "costUsd");
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(prefix + "costUsd", "must be a number of USD");
            return null;
        }
        BigDecimal usd = value.decimalValue();
        if (usd.signum() < 0 || usd.compareTo(MAX_COST_USD) > 0) {
            error(prefix + "costUsd", "must be from 0 to " + MAX_COST_USD);
            return null;
        }
        return usd;
    }

    private Instant occurredAt(JsonNode node, String prefix) {
        JsonNode value = present(node, "occurredAt");
        if (value == null) {
            return now;
        }
        Instant at;
        try {
            at = value.isTextual() ? Instant.parse(value.asText()).truncatedTo(ChronoUnit.MILLIS) : null;
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null) {
            error(prefix + "occurredAt", "must be an ISO-8601 instant such as 2026-03-01T12:00:00Z");
        } else if (at.isAfter(now.plus(FUTURE_SKEW))) {
            error(prefix + "occurredAt", "is more than " + FUTURE_SKEW.toMinutes() + " minutes in the future");
        } else if (at.isBefore(now.minus(retention))) {
            error(prefix + "occurredAt", "is older than the " + retention.toDays() + "-day retention of usage events");
        }
        return at;
    }

    private UsageEvent.Status status(JsonNode node, String prefix) {
        JsonNode value = present(node, "status");
        if (value == null) {
            return UsageEvent.Status.SUCCEEDED;
        }
        return switch (value.isTextual() ? value.asText() : "") {
            case "succeeded" -> UsageEvent.Status.SUCCEEDED;
            case "failed" -> UsageEvent.Status.FAILED;
            default -> {
                error(prefix + "status", "must be succeeded or failed");
                yield null;
            }
        };
    }

    private Map<String, String> metadata(JsonNode node, String prefix) {
        JsonNode value = present(node, "metadata");
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            error(prefix + "metadata", "must be an object of strings");
            return Map.of();
        }
        if (value.size() > MAX_METADATA_ENTRIES) {
            error(prefix + "metadata", "must have at most " + MAX_METADATA_ENTRIES + " entries");
            return Map.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            String field = prefix + "metadata." + entry.getKey();
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_METADATA_KEY) {
                error(field, "keys must be 1 to " + MAX_METADATA_KEY + " characters");
            } else if (!entry.getValue().isTextual()) {
                error(field, "must be a string");
            } else if (entry.getValue().asText().length() > MAX_METADATA_VALUE) {
                error(field, "must be at most " + MAX_METADATA_VALUE + " characters");
            } else {
                metadata.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return metadata;
    }

    /** The field's value, or null when it is absent or JSON null (optional fields may be sent as null). */
    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private void error(String field, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(field, message));
        }
    }

    private void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
