package io.promptcms.usage;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of {@code GET /usage/stats}: an inclusive range of UTC days (default: the 30 days up to today),
 * the grouping, and at most a model and a prompt to filter on. {@code from}/{@code to} are {@code yyyy-MM-dd} or ISO
 * instants (their UTC day). Teams do not exist yet, so {@code team} is refused rather than ignored.
 */
public record StatsQuery(LocalDate from, LocalDate to, GroupBy groupBy, String model, String promptId) {

    public static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    private static final int MAX_MODEL = 200;
    private static final Set<String> PARAMETERS = Set.of("from", "to", "groupBy", "model", "promptId", "team");

    public static StatsQuery parse(Map<String, String> parameters, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted()
                .forEach(name -> errors.add(new FieldError(name, "unknown parameter (use from, to, groupBy, model, promptId)")));
        if (parameters.containsKey("team")) {
            errors.add(new FieldError("team", "teams are not available yet"));
        }
        LocalDate to = day(parameters.get("to"), "to", errors);
        if (to == null && !parameters.containsKey("to")) {
            to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
        LocalDate from = day(parameters.get("from"), "from", errors);
        if (from == null && !parameters.containsKey("from") && to != null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                errors.add(new FieldError("from", "must not be after to"));
            } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
                errors.add(new FieldError("from", "the range may cover at most " + MAX_DAYS + " days"));
            }
        }
        GroupBy groupBy = groupBy(parameters.get("groupBy"), errors);
        String model = parameters.get("model");
        if (model != null && (model.isBlank() || model.length() > MAX_MODEL)) {
            errors.add(new FieldError("model", "must be 1 to " + MAX_MODEL + " characters"));
        }
        String promptId = parameters.get("promptId");
        if (promptId != null && promptId.isBlank()) {
            errors.add(new FieldError("promptId", "must not be empty"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new StatsQuery(from, to, groupBy, model, promptId);
    }

    private static LocalDate day(String value, String name, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value) : LocalDate.ofInstant(Instant.parse(value), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date (yyyy-MM-dd) or an ISO-8601 instant"));
            return null;
        }
    }

    private static GroupBy groupBy(String value, List<FieldError> errors) {
        if (value == null) {
            return GroupBy.DAY;
        }
        for (GroupBy groupBy : GroupBy.values()) {
            if (groupBy.value().equals(value)) {
                return groupBy;
            }
        }
        errors.add(new FieldError("groupBy", "must be day, week or month"));
        return null;
    }
}
