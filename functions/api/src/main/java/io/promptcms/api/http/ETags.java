package io.promptcms.api.http;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;

/** Revisions as strong ETags ({@code "7"}) and the {@code If-Match} a replacing write must send. */
public final class ETags {

    private ETags() {
    }

    public static String of(long revision) {
        return "\"" + revision + "\"";
    }

    /** The revision the caller last read: 428 without If-Match, 412 when it names no revision of ours. */
    public static long requiredIfMatch(ApiRequest request) {
        String value = request.header("if-match").orElseThrow(() -> new ApiException(ProblemType.PRECONDITION_REQUIRED,
                "send If-Match with the ETag you last read, so a concurrent change is not overwritten"));
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, "If-Match " + value + " does not match the current ETag");
        }
    }
}
