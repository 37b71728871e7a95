package io.promptcms.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC timestamps with exactly three fraction digits. {@code Instant.toString()} drops a zero fraction
 * ({@code …:05Z} instead of {@code …:05.000Z}), which breaks the lexical order that sort keys and
 * {@code <} conditions on stored timestamps rely on; this fixed width keeps string order = time order.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }
}
