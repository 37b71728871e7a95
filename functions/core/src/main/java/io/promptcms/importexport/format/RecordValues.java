package io.promptcms.importexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.prompt.PromptFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds one row's {@link PromptRecord} from CSV cells or JSON values, collecting every field's error. */
final class RecordValues {

    private final long row;
    private final Map<String, Object> values = new HashMap<>();
    private final List<RowError> errors = new ArrayList<>();

    RecordValues(long row) {
        this.row = row;
    }

    void error(String column, String message) {
        errors.add(new RowError(row, column, message));
    }

    void put(String field, Object value) {
        values.put(field, value);
    }

    /** A CSV cell (null: empty and unquoted). {@code ownExport}: lists must be our JSON array text. */
    void fromCell(String field, String column, String cell, boolean ownExport) {
        if (cell == null) {
            return;
        }
        switch (field) {
            case "tags", "variables", "collections" -> {
                if (ownExport) {
                    List<String> list = CellText.jsonArray(cell);
                    if (list == null) {
                        error(column, "must be a JSON array of strings, as our export writes it");
                    }
                    put(field, list);
                } else {
                    put(field, CellText.list(cell, separators(field)));
                }
            }
            case "metadata" -> metadataText(column, cell);
            case "version", "usageCount" -> wholeNumber(field, column, cell);
            case "totalCostUsd" -> decimal(column, cell);
            default -> put(field, cell);
        }
    }

    /** A JSON value (null or missing: the field is absent). */
    void fromNode(String field, String column, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        switch (field) {
            case "tags", "variables", "collections" -> {
                if (node.isArray()) {
                    List<String> list = new ArrayList<>();
                    node.forEach(item -> {
                        if (item.isValueNode()) {
                            list.add(item.asText());
                        }
                    });
                    if (list.size() == node.size()) {
                        put(field, list);
                    } else {
                        error(column, "must be an array of strings");
                    }
                } else if (node.isTextual()) {
                    put(field, CellText.list(node.textValue(), separators(field)));
                } else {
                    error(column, "must be an array of strings");
                }
            }
            case "metadata" -> {
                if (node.isObject()) {
                    put(field, CellText.metadata(node));
                } else if (node.isTextual()) {
                    metadataText(column, node.textValue());
                } else {
                    error(column, "must be an object of strings");
                }
            }
            case "version", "usageCount" -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    put(field, node.longValue());
                } else if (node.isTextual()) {
                    wholeNumber(field, column, node.textValue());
                } else {
                    error(column, "must be a whole number");
                }
            }
            case "totalCostUsd" -> {
                if (node.isNumber()) {
                    put(field, node.doubleValue());
                } else if (node.isTextual()) {
                    decimal(column, node.textValue());
                } else {
                    error(column, "must be a number");
                }
            }
            default -> {
                if (node.isValueNode()) {
                    put(field, node.asText());
                } else {
                    error(column, "must be text, not " + (node.isArray() ? "an array" : "an object"));
                }
            }
        }
    }

    private static Pattern separators(String field) {
        return field.equals("collections") ? CellText.COLLECTION_SEPARATORS : CellText.TAG_SEPARATORS;
    }

    private void metadataText(String column, String text) {
        if (text.isBlank()) {
            return;
        }
        Map<String, String> metadata = CellText.metadata(text);
        if (metadata == null) {
            error(column, "must be a JSON object such as {\"key\":\"value\"}");
        }
        put("metadata", metadata);
    }

    private void wholeNumber(String field, String column, String text) {
        if (text.isBlank()) {
            return;
        }
        try {
            put(field, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            error(column, "must be a whole number");
        }
    }

    private void decimal(String column, String text) {
        if (text.isBlank()) {
            return;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                put("totalCostUsd", value);
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(column, "must be a number");
    }

    SourceRow toRow() {
        if (!errors.isEmpty()) {
            return SourceRow.failed(row, errors);
        }
        var fields = new PromptFields(text("name"), text("content"), text("description"), list("tags"), text("model"),
                list("variables"), metadata());
        return SourceRow.ok(row, new PromptRecord(text("id"), fields, list("collections"), text("visibility"), text("team"),
                (Long) values.get("version"), text("createdAt"), text("updatedAt"),
                (Long) values.get("usageCount"), (Double) values.get("totalCostUsd")));
    }

    private String text(String field) {
        return (String) values.get(field);
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String field) {
        return (List<String>) values.get(field);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> metadata() {
        return (Map<String, String>) values.get("metadata");
    }
}
