package io.promptcms.prompt;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a writer expects the current revision to be, from an {@code If-Match} header: nothing (no header), any
 * ({@code *}) or one of a set of revisions ({@code "3"}, {@code W/"3"} or a bare {@code 3}). Only a specific
 * expectation makes a lost race a 412; otherwise the service retries on the fresh state.
 */
public final class RevisionCondition {

    /** No header, or {@code *}: any revision of an existing prompt will do. */
    public static final RevisionCondition NONE = new RevisionCondition(null);

    private final Set<String> revisions;

    private RevisionCondition(Set<String> revisions) {
        this.revisions = revisions;
    }

    /** Reads an If-Match header value; null or blank means no condition. */
    public static RevisionCondition ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return NONE;
        }
        return new RevisionCondition(Arrays.stream(header.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .map(tag -> tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    public boolean allows(long revision) {
        return revisions == null || revisions.contains(Long.toString(revision));
    }

    /** True when the caller named a revision, so losing a race must fail rather than be retried. */
    public boolean isSpecific() {
        return revisions != null;
    }
}
