package io.promptcms.prompt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One entry of a prompt's history: the versioned fields as they were, in full; one flat JSON object. */
public record PromptVersion(
        String promptId,
        long version,
        @JsonUnwrapped PromptFields fields,
        int contentLength,
        String createdAt,
        String createdBy) {
}
