package io.promptcms.prompt;

import java.util.List;
import java.util.Map;

/**
 * The editable fields of a prompt as a client sends them, for create and for full replacement alike.
 * Server-owned fields (id, owner, version, timestamps, usage) are deliberately absent, so the strict JSON
 * reader rejects them as unknown fields.
 */
public record PromptInput(
        String name,
        String content,
        String description,
        List<String> tags,
        String model,
        List<String> collectionIds,
        String visibility,
        List<String> variables,
        Map<String, String> metadata) {
}
