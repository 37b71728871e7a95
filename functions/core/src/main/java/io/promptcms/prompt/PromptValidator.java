package io.promptcms.prompt;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a {@link PromptInput} against the limits of the contract and turns it into a {@link PromptDraft}. */
public final class PromptValidator {

    public static final int MAX_NAME = 200;
    public static final int MAX_CONTENT_BYTES = 512 * 1024;
    public static final int MAX_DESCRIPTION = 5_000;
    public static final int MAX_MODEL = 200;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG = 64;
    public static final int MAX_COLLECTIONS = 50;
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_VARIABLE = 100;
    public static final int MAX_METADATA_BYTES = 16 * 1024;

    /** A {{name}} placeholder; the renderer of runs uses the same grammar. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    private final CollectionLookup collections;

    public PromptValidator(CollectionLookup collections) {
        this.collections = collections;
    }

    /** The normalised draft, or a validation failure listing every invalid field. */
    public PromptDraft validate(String ownerId, PromptInput input) {
        List<FieldError> errors = new ArrayList<>();
        PromptFields fields = input.fields();
        String name = trimToNull(fields.name());
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else if (length(name) > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String content = fields.content();
        if (content == null || content.isBlank()) {
            errors.add(new FieldError("content", "is required"));
        } else if (content.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            errors.add(new FieldError("content", "must be at most " + MAX_CONTENT_BYTES + " bytes of UTF-8"));
        }
        String description = trimToNull(fields.description());
        if (description != null && length(description) > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        String model = trimToNull(fields.model());
        if (model != null && length(model) > MAX_MODEL) {
            errors.add(new FieldError("model", "must be at most " + MAX_MODEL + " characters"));
        }
        List<String> tags = distinctTexts("tags", fields.tags(), MAX_TAGS, MAX_TAG, errors);
        List<String> variables = fields.variables() == null
                ? variablesIn(content == null ? "" : content)
                : distinctTexts("variables", fields.variables(), MAX_VARIABLES, MAX_VARIABLE, errors);
        Map<String, String> metadata = metadata(fields.metadata(), errors);
        Visibility visibility = visibility(input.visibility(), errors);
        List<String> collectionIds = collectionIds(ownerId, input.collectionIds(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PromptDraft(new PromptFields(name, content, description, tags, model, variables, metadata), collectionIds, visibility);
    }

    /** The distinct {@code {{name}}} placeholders of a template, in order of first use. */
    public static List<String> variablesIn(String content) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(content);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    private static List<String> distinctTexts(String field, List<String> values, int maxCount, int maxLength, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCount) {
            errors.add(new FieldError(field, "must have at most " + maxCount + " entries"));
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = trimToNull(values.get(i));
            if (value == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be blank"));
            } else if (length(value) > maxLength) {
                errors.add(new FieldError(field + "[" + i + "]", "must be at most " + maxLength + " characters"));
            } else {
                distinct.add(value);
            }
        }
        return List.copyOf(distinct);
    }

    private static Map<String, String> metadata(Map<String, String> metadata, List<FieldError> errors) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, String> clean = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                errors.add(new FieldError("metadata", "keys must not be blank"));
            } else if (value == null) {
                errors.add(new FieldError("metadata." + key, "must be a string"));
            } else {
                clean.put(key, value);
            }
        });
        if (Json.write(clean).getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            errors.add(new FieldError("metadata", "must be at most " + MAX_METADATA_BYTES + " bytes as JSON"));
        }
        return clean;
    }

    private static Visibility visibility(String value, List<FieldError> errors) {
        if (value == null) {
            return Visibility.PRIVATE;
        }
        if (value.equals("team")) {
            errors.add(new FieldError("visibility", "teams are not available yet"));
            return Visibility.PRIVATE;
        }
        return Visibility.parse(value).orElseGet(() -> {
            errors.add(new FieldError("visibility", "must be private or public"));
            return Visibility.PRIVATE;
        });
    }

    private List<String> collectionIds(String ownerId, List<String> ids, List<FieldError> errors) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_COLLECTIONS) {
            errors.add(new FieldError("collectionIds", "must have at most " + MAX_COLLECTIONS + " entries"));
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                distinct.add(id);
            }
        }
        Set<String> owned = distinct.isEmpty() ? Set.of() : collections.ownedBy(ownerId, distinct);
        for (int i = 0; i < ids.size(); i++) {
            if (!owned.contains(ids.get(i))) {
                errors.add(new FieldError("collectionIds[" + i + "]", "collection not found"));
            }
        }
        return List.copyOf(distinct);
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
