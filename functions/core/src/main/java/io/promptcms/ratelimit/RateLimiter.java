package io.promptcms.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-key request limits. HTTP APIs have no usage plans, so our own limiter runs on every authenticated request:
 * empty means go ahead, a duration means "over the limit, retry after this long" (429 with Retry-After).
 */
@FunctionalInterface
public interface RateLimiter {

    Optional<Duration> acquire(String keyId);

    RateLimiter UNLIMITED = keyId -> Optional.empty();
}
