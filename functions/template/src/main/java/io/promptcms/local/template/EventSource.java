package io.promptcms.local.template;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of a function's {@code Events}, as far as the local runtime emulates it. */
public sealed interface EventSource {

    String name();

    /** {@code Type: HttpApi}. {@code authorizer} is the route's own Auth.Authorizer ("NONE" disables auth), null for the API default. */
    record HttpRoute(String name, String method, String path, String apiId, String authorizer) implements EventSource {
        public static final String DEFAULT_PATH = "$default";

        public String routeKey() {
            return isDefault() ? DEFAULT_PATH : method + " " + path;
        }

        public boolean isDefault() {
            return DEFAULT_PATH.equals(path);
        }
    }

    /**
     * {@code Type: DynamoDB}: the function consumes the stream of {@code table}. A negative retry count means "until the
     * record expires". {@code eventNames} are the record types its {@code FilterCriteria} let through (empty: all).
     */
    record StreamSource(String name, String table, int batchSize, int maximumRetryAttempts, boolean reportBatchItemFailures,
                        Set<String> eventNames) implements EventSource {

        public boolean accepts(String eventName) {
            return eventNames.isEmpty() || eventNames.contains(eventName);
        }
    }

    /** {@code Type: S3}: object events of {@code bucket} whose key passes the prefix/suffix filter. */
    record S3Source(String name, String bucket, List<String> events, String prefix, String suffix) implements EventSource {
        public boolean matches(String key) {
            return key.startsWith(prefix) && key.endsWith(suffix);
        }

        public boolean wantsObjectCreated() {
            return events.stream().anyMatch(event -> event.startsWith("s3:ObjectCreated:"));
        }
    }

    /** {@code Type: Schedule} / {@code ScheduleV2}: {@code rate(...)} runs on a local timer; any schedule runs on demand. */
    record ScheduleSource(String name, String expression, boolean enabled) implements EventSource {
        private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

        public Optional<Duration> rate() {
            Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(n);
                case "hour", "hours" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
    }
}
