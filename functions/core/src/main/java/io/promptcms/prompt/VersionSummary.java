package io.promptcms.prompt;

/** One entry of a prompt's history in a list, without the full content. */
public record VersionSummary(long version, String name, String createdAt, String createdBy, int contentLength, String contentPreview) {
}
