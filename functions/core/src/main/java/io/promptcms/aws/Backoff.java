package io.promptcms.aws;

import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The pause before another attempt of work DynamoDB left partly undone (unprocessed batch items, a transaction that
 * clashed with another): the SDK's exponential backoff with full jitter, which its own retries use.
 */
public final class Backoff {

    private static final BackoffStrategy FULL_JITTER = BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(30));

    private Backoff() {
    }

    /** Sleeps before attempt {@code attempt} (0 is the first: no pause); up to 50 ms × 2^(attempt − 1), at most 30 s. */
    public static void beforeAttempt(int attempt) {
        if (attempt <= 0) {
            return;
        }
        try {
            Thread.sleep(FULL_JITTER.computeDelay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between DynamoDB attempts", e);
        }
    }
}
