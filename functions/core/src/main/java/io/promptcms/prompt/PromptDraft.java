package io.promptcms.prompt;

import java.util.List;

/**
 * Validated, normalised editable fields of a prompt: the versioned {@link PromptFields} (lists and metadata never
 * null, optional text null when absent) and where it is filed and who may see it, which change no version.
 */
public record PromptDraft(PromptFields fields, List<String> collectionIds, Visibility visibility) {

    public PromptDraft {
        collectionIds = List.copyOf(collectionIds);
    }

    public boolean sameVersionedFields(PromptDraft other) {
        return fields.equals(other.fields);
    }

    /** The same prompt with the versioned fields of {@code snapshot} (a restore). */
    public PromptDraft withVersionedFieldsOf(PromptDraft snapshot) {
        return new PromptDraft(snapshot.fields, collectionIds, visibility);
    }
}
