package io.promptcms.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. */
public enum Scope {
    PROMPTS_READ("prompts:read"),
    PROMPTS_WRITE("prompts:write"),
    KEYS_MANAGE("keys:manage");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
