package io.promptcms.run.provider;

import io.promptcms.aws.AwsClients;
import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How hard an adapter that makes its own HTTP calls tries: attempts, jittered exponential backoff (a longer base
 * for throttling), the most a {@code Retry-After} may make it wait, and the time all attempts must fit in.
 * The retry decisions themselves are the AWS SDK's standard strategy, not a hand-rolled loop.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxDelay,
                          Duration maxRetryAfter, Duration timeBudget) {

    /** 4 attempts within the same 20 s a Bedrock call gets; a throttled call backs off from 1 s. */
    public static final RetryPolicy STANDARD = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(8), Duration.ofSeconds(10), AwsClients.MODEL_CALL_TIMEOUT);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    RetryStrategy strategy(Predicate<Throwable> retryable, Predicate<Throwable> throttling) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(maxAttempts)
                .retryOnException(retryable)
                .treatAsThrottling(throttling)
                .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxDelay))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxDelay))
                .build();
    }

    Duration capRetryAfter(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
}
