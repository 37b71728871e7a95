package io.promptcms.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The editable fields of a prompt as a client sends them, for create and for full replacement alike, unchecked.
 * Server-owned fields (id, owner, version, timestamps, usage) are deliberately absent, so the strict JSON
 * reader rejects them as unknown fields.
 */
public record PromptInput(PromptFields fields, List<String> collectionIds, String visibility) {

    /** The request body, a flat JSON object: these names and no others. */
    @JsonCreator
    public static PromptInput of(@JsonProperty("name") String name, @JsonProperty("content") String content,
                                 @JsonProperty("description") String description, @JsonProperty("tags") List<String> tags,
                                 @JsonProperty("model") String model, @JsonProperty("collectionIds") List<String> collectionIds,
                                 @JsonProperty("visibility") String visibility, @JsonProperty("variables") List<String> variables,
                                 @JsonProperty("metadata") Map<String, String> metadata) {
        return new PromptInput(new PromptFields(name, content, description, tags, model, variables, metadata), collectionIds, visibility);
    }
}
