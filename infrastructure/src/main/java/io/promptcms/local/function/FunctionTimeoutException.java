package io.promptcms.local.function;

import java.time.Duration;

/** The function ran past the Timeout the template gives it (Lambda would kill it; the gateway answers 504). */
public final class FunctionTimeoutException extends RuntimeException {

    public FunctionTimeoutException(String function, Duration timeout) {
        super(function + " timed out after " + timeout.toSeconds() + " s");
    }
}
