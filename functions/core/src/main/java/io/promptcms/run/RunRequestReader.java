package io.promptcms.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a run or a cost preview strictly: {@code "maxTokens": "100"} or {@code 100.7} is refused rather
 * than coerced, unknown fields are refused, and variable values are kept as sent so the renderer can name a
 * non-string one.
 */
public final class RunRequestReader {

    public static final Set<String> RUN_FIELDS = Set.of("variables", "model", "maxTokens", "temperature");
    public static final Set<String> PREVIEW_FIELDS = Set.of("variables", "model", "maxTokens", "expectedOutputTokens");

    private RunRequestReader() {
    }

    public static RunOptions read(JsonNode body, Set<String> fields) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                errors.add(new FieldError(name, "is not a field of this request (fields: " + String.join(", ", fields.stream().sorted().toList()) + ")"));
            }
        });
        Map<String, Object> variables = variables(body.get("variables"), errors);
        String model = text(body, "model", errors);
        Integer maxTokens = whole(body, "maxTokens", errors);
        Integer expected = whole(body, "expectedOutputTokens", errors);
        Double temperature = number(body, "temperature", errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new RunOptions(variables, model, maxTokens, temperature, expected);
    }

    private static Map<String, Object> variables(JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("variables", "must be an object of name → text"));
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(),
                entry.getValue().isTextual() ? entry.getValue().textValue() : Json.MAPPER.convertValue(entry.getValue(), Object.class)));
        return values;
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static Integer whole(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        return node.intValue();
    }

    private static Double number(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(field, "must be a number"));
            return null;
        }
        return node.doubleValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }
}
