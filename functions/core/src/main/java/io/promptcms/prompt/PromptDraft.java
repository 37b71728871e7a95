package io.promptcms.prompt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validated, normalised editable fields of a prompt. Lists are never null; optional text is null when absent.
 * The "versioned" fields are the ones whose change makes a new entry in the history.
 */
public record PromptDraft(
        String name,
        String content,
        String description,
        List<String> tags,
        String model,
        List<String> collectionIds,
        Visibility visibility,
        List<String> variables,
        Map<String, String> metadata) {

    public PromptDraft {
        tags = List.copyOf(tags);
        collectionIds = List.copyOf(collectionIds);
        variables = List.copyOf(variables);
        metadata = Map.copyOf(metadata);
    }

    public boolean sameVersionedFields(PromptDraft other) {
        return name.equals(other.name) && content.equals(other.content) && Objects.equals(description, other.description)
                && tags.equals(other.tags) && Objects.equals(model, other.model) && variables.equals(other.variables)
                && metadata.equals(other.metadata);
    }

    /** The same prompt with the versioned fields of {@code snapshot} (a restore). */
    public PromptDraft withVersionedFieldsOf(PromptDraft snapshot) {
        return new PromptDraft(snapshot.name, snapshot.content, snapshot.description, snapshot.tags, snapshot.model,
                collectionIds, visibility, snapshot.variables, snapshot.metadata);
    }
}
