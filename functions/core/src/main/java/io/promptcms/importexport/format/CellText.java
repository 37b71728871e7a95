package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How lists and metadata live in one text cell. Our export writes a list as a JSON array of strings and
 * metadata as a JSON object of strings, so they read back exactly; other files' list cells are split on
 * {@code , ; |} (collection names, which may hold commas, only on {@code |}).
 */
final class CellText {

    static final Pattern TAG_SEPARATORS = Pattern.compile("[,;|]");
    static final Pattern COLLECTION_SEPARATORS = Pattern.compile("\\|");

    private CellText() {
    }

    static String listCell(List<String> values) {
        return values == null ? null : Json.write(values);
    }

    static String metadataCell(Map<String, String> metadata) {
        return metadata == null ? null : Json.write(metadata);
    }

    /** The list a cell holds: a JSON array of strings when it is one, else its items split and trimmed. */
    static List<String> list(String cell, Pattern separators) {
        List<String> asJson = jsonArray(cell);
        if (asJson != null) {
            return asJson;
        }
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (String item : separators.split(cell)) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    /** The strings of a JSON array text, or null when the text is not a JSON array of strings. */
    static List<String> jsonArray(String cell) {
        if (!cell.startsWith("[")) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(cell);
            if (!node.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return null;
                }
                values.add(item.textValue());
            }
            return values;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The map a JSON object text holds (values that are not strings kept as their JSON text), or null. */
    static Map<String, String> metadata(String cell) {
        try {
            JsonNode node = Json.MAPPER.readTree(cell);
            return node != null && node.isObject() ? metadata(node) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static Map<String, String> metadata(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().textValue() : Json.write(e.getValue())));
        return values;
    }
}
