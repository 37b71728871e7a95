package io.promptcms.usage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

/** The periods of a stats series: UTC days, ISO weeks (labelled by their Monday), calendar months ({@code yyyy-MM}). */
public enum GroupBy {
    DAY, WEEK, MONTH;

    /** The first day of the period {@code day} falls in. */
    LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    String label(LocalDate start) {
        return this == MONTH ? YearMonth.from(start).toString() : start.toString();
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
