package io.promptcms.search;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reindex invoked by hand asks for: {@code {}} rebuilds the index, {@code {"compareOnly": true}} only compares
 * it with the table. Anything else is refused, so a typo cannot turn a comparison into a rebuild.
 */
public record ReindexRequest(boolean compareOnly) {

    private static final String COMPARE_ONLY = "compareOnly";
    private static final String EXPECTED = "expected {} or {\"" + COMPARE_ONLY + "\": true}";

    /** @param input the invocation's payload; null reads as {@code {}} */
    public static ReindexRequest of(Map<String, Object> input) {
        Map<String, Object> request = input == null ? Map.of() : input;
        Set<String> unknown = new TreeSet<>(request.keySet());
        unknown.remove(COMPARE_ONLY);
        if (!unknown.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, "unknown input " + unknown + "; " + EXPECTED,
                    unknown.stream().map(field -> new FieldError(field, "is unknown; " + EXPECTED)).toList());
        }
        Object compareOnly = request.getOrDefault(COMPARE_ONLY, false);
        if (!(compareOnly instanceof Boolean flag)) {
            throw new ApiException(ProblemType.VALIDATION, COMPARE_ONLY + " must be true or false, not " + compareOnly,
                    List.of(new FieldError(COMPARE_ONLY, "must be true or false")));
        }
        return new ReindexRequest(flag);
    }
}
