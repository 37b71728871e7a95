package io.promptcms.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.pricing.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A token count as a client asked for it. Both fields are JSON values so that a number or an object is refused by
 * name instead of coerced to text.
 */
public record TokenCountInput(JsonNode text, JsonNode model) {

    public static final int MAX_TEXT_CHARS = 1_000_000;
    private static final String SEE_MODELS = "GET /api/v1/models lists the models";

    /**
     * The model and text to count; a 400 naming every invalid field when any is invalid.
     *
     * @param models resolves a model name (id, alias or dated variant) to its catalog entry, e.g. {@code PriceCatalog::find}
     */
    public TextToCount validate(Function<String, Optional<ModelInfo>> models) {
        List<FieldError> errors = new ArrayList<>();
        Optional<ModelInfo> found = model(models, errors);
        String checkedText = text(errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new TextToCount(found.orElseThrow(), checkedText);
    }

    private Optional<ModelInfo> model(Function<String, Optional<ModelInfo>> models, List<FieldError> errors) {
        if (model == null || model.isNull() || !model.isTextual() || model.asText().isBlank()) {
            errors.add(new FieldError("model", "is required: a model id, alias or dated variant; " + SEE_MODELS));
            return Optional.empty();
        }
        Optional<ModelInfo> found = models.apply(model.asText());
        if (found.isEmpty()) {
            errors.add(new FieldError("model", "unknown model '" + model.asText() + "'; " + SEE_MODELS));
        }
        return found;
    }

    private String text(List<FieldError> errors) {
        if (text == null || text.isNull()) {
            errors.add(new FieldError("text", "is required"));
            return null;
        }
        if (!text.isTextual()) {
            errors.add(new FieldError("text", "must be a string"));
            return null;
        }
        if (text.asText().length() > MAX_TEXT_CHARS) {
            errors.add(new FieldError("text", "is " + text.asText().length() + " characters; the limit is " + MAX_TEXT_CHARS));
            return null;
        }
        return text.asText();
    }

    /** A valid token count: the catalog's model and the text. */
    public record TextToCount(ModelInfo model, String text) {

        /** Unicode code points, what a person would call characters. */
        public int characters() {
            return text.codePointCount(0, text.length());
        }
    }
}
