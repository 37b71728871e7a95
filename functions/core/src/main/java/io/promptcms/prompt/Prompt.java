package io.promptcms.prompt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** A prompt as the API shows it, with its full content; one flat JSON object. */
public record Prompt(
        String id,
        @JsonUnwrapped PromptFields fields,
        List<String> collectionIds,
        String visibility,
        @JsonUnwrapped PromptStatus status) {
}
