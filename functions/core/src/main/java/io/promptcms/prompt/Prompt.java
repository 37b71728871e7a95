package io.promptcms.prompt;

import java.util.List;
import java.util.Map;

/**
 * A prompt as the API shows it, with its full content. {@code revision} grows on every change and is the ETag;
 * {@code version} numbers the content history.
 */
public record Prompt(
        String id,
        String name,
        String content,
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
        String lastRunAt) {
}
