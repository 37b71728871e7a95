package io.promptcms.prompt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a prompt that its history keeps: a change of any of them makes a new version, a restore brings them
 * back. The one place that lists them; the records that carry a prompt hold this one. The holder says what null
 * means (absent from a request, a file or an item; the content of a stored prompt is null where {@link ContentStore}
 * keeps it compressed or in S3). Lists and metadata keep their order and may hold nulls, as a request can.
 */
public record PromptFields(
        String name,
        String content,
        String description,
        List<String> tags,
        String model,
        List<String> variables,
        Map<String, String> metadata) {

    public PromptFields {
        tags = copy(tags);
        variables = copy(variables);
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The same fields with another content (the full text in place of what the item stores). */
    public PromptFields withContent(String text) {
        return new PromptFields(name, text, description, tags, model, variables, metadata);
    }

    /** The same fields with empty lists and metadata where absent: as the API and an export show a prompt. */
    public PromptFields orEmpty() {
        return new PromptFields(name, content, description, tags == null ? List.of() : tags, model,
                variables == null ? List.of() : variables, metadata == null ? Map.of() : metadata);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
