package io.promptcms.importexport.job;

import java.util.Set;

/** The states of an import or export job, as the API shows them. */
public final class JobState {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String PARTIALLY_SUCCEEDED = "partially_succeeded";

    private static final Set<String> FINAL = Set.of(SUCCEEDED, FAILED, PARTIALLY_SUCCEEDED);

    private JobState() {
    }

    public static boolean isFinal(String state) {
        return FINAL.contains(state);
    }
}
