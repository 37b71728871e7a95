package io.promptcms.prompt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * A prompt in a list: its fields without the content (null, so not in the JSON), which is replaced by its first
 * characters and its size, so a page of 100 large prompts stays far below Lambda's 6 MB response limit.
 * {@code highlights} only on search hits.
 */
public record PromptSummary(
        String id,
        @JsonUnwrapped PromptFields fields,
        String contentPreview,
        int contentLength,
        List<String> collectionIds,
        String visibility,
        @JsonUnwrapped PromptStatus status,
        Map<String, List<String>> highlights) {
}
