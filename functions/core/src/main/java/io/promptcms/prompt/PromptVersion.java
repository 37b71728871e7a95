package io.promptcms.prompt;

import java.util.List;
import java.util.Map;

/** One entry of a prompt's history: the versioned fields as they were, in full. */
public record PromptVersion(
        String promptId,
        long version,
        String name,
        String content,
        int contentLength,
        String description,
        List<String> tags,
        String model,
        List<String> variables,
        Map<String, String> metadata,
        String createdAt,
        String createdBy) {
}
