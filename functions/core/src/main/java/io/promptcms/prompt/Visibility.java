package io.promptcms.prompt;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may see a prompt. {@code team} is part of the contract but not offered until teams exist. */
public enum Visibility {
    PRIVATE, PUBLIC;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.value().equals(value)).findFirst();
    }
}
