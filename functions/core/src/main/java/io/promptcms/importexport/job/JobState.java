package io.promptcms.importexport.job;

import java.util.Arrays;

/** The states of an import or export job; {@link #value()} is how the API and the jobs tables spell them. */
public enum JobState {
    QUEUED("queued"),
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    PARTIALLY_SUCCEEDED("partially_succeeded");

    private final String value;

    JobState(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == PARTIALLY_SUCCEEDED;
    }

    public static JobState of(String value) {
        return Arrays.stream(values()).filter(state -> state.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a job state: " + value));
    }
}
