package io.promptcms.prompt;

import java.util.List;
import java.util.Map;

/**
 * A prompt in a list: everything but the full content, which is replaced by its first characters and its size,
 * so a page of 100 large prompts stays far below Lambda's 6 MB response limit. {@code highlights} only on search hits.
 */
public record PromptSummary(
        String id,
        String name,
        String contentPreview,
        int contentLength,
        String description,
        List<String> tags,
        String model,
        List<String> collectionIds,
        String visibility,
        List<String> variables,
        Map<String, String> metadata,
        long version,
        long revision,
        boolean favorite,
        String createdAt,
        String updatedAt,
        String createdBy,
        String updatedBy,
        long usageCount,
        double totalCostUsd,
        String lastRunAt,
        Map<String, List<String>> highlights) {
}
