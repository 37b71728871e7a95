package io.promptcms.common;

import java.util.Map;
import java.util.Optional;

/**
 * The configuration a function reads: on Lambda the process environment, in the local runtime and in tests
 * the variables that {@code template.yaml} declares for that function, resolved to local values.
 * Every read goes through here so a test can check that the template declares what the code reads.
 */
@FunctionalInterface
public interface Env {

    /** The raw value, or null when the variable is not set. */
    String get(String name);

    default Optional<String> optional(String name) {
        String value = get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    default String require(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    static Env system() {
        return System::getenv;
    }

    static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
