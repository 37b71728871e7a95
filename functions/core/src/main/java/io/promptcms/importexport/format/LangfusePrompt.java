package io.promptcms.importexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prompt as Langfuse exports it: {@code name}, {@code prompt} (text, or chat messages
 * {@code [{role, content}]}), {@code labels}, {@code tags}, {@code config}, {@code type}. Chat messages become
 * the content as their JSON array text with metadata {@code promptType=chat}; labels and tags become tags;
 * config becomes metadata {@code config} as JSON text. Other Langfuse fields (its own version numbers,
 * commit messages) are ignored.
 */
final class LangfusePrompt {

    static final Map<String, String> MAPPING = mapping();

    private LangfusePrompt() {
    }

    private static Map<String, String> mapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("name", "name");
        mapping.put("content", "prompt");
        mapping.put("tags", "labels, tags");
        mapping.put("metadata", "config, type");
        return Collections.unmodifiableMap(mapping);
    }

    /** Langfuse's shape: a {@code prompt} (no {@code content}) with one of its telltale fields. */
    static boolean matches(JsonNode node) {
        return node != null && node.isObject() && node.has("prompt") && !node.has("content")
                && (node.has("labels") || node.has("config") || node.has("type") || node.get("prompt").isArray());
    }

    static SourceRow toRow(long row, JsonNode node) {
        var values = new RecordValues(row);
        values.fromNode("name", "name", node.get("name"));
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode prompt = node.get("prompt");
        if (prompt.isArray()) {
            values.put("content", Json.write(prompt));
            metadata.put("promptType", "chat");
        } else if (prompt.isTextual()) {
            values.put("content", prompt.textValue());
        } else if (!prompt.isNull()) {
            values.error("prompt", "must be text or an array of chat messages");
        }
        if ("chat".equals(node.path("type").asText())) {
            metadata.put("promptType", "chat");
        }
        Set<String> tags = new LinkedHashSet<>();
        addStrings(values, node, "labels", tags);
        addStrings(values, node, "tags", tags);
        if (node.has("labels") || node.has("tags")) {
            values.put("tags", List.copyOf(tags));
        }
        JsonNode config = node.get("config");
        if (config != null && !config.isNull() && !(config.isObject() && config.isEmpty())) {
            metadata.put("config", Json.write(config));
        }
        if (!metadata.isEmpty()) {
            values.put("metadata", metadata);
        }
        return values.toRow();
    }

    private static void addStrings(RecordValues values, JsonNode node, String field, Set<String> into) {
        JsonNode list = node.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            values.error(field, "must be an array of strings");
            return;
        }
        for (JsonNode item : list) {
            if (item.isTextual()) {
                into.add(item.textValue());
            } else {
                values.error(field, "must be an array of strings");
                return;
            }
        }
    }
}
