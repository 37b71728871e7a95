package io.promptcms.run;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.prompt.PromptValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Renders a prompt's {@code {{name}}} placeholders with the caller's variables, in one pass: a value is inserted
 * literally and never rendered again, and a value holding {@code {{} is refused outright, so a variable can neither
 * pull in another variable nor smuggle a template into the prompt.
 */
public final class PromptTemplate {

    public static final int MAX_VALUE_CHARS = 200_000;

    /** The text to send and the variables the caller passed that the prompt does not use. */
    public record Rendered(String text, List<String> unusedVariables) {
    }

    private PromptTemplate() {
    }

    public static Rendered render(String template, Map<String, ?> variables) {
        Map<String, ?> given = variables == null ? Map.of() : variables;
        List<FieldError> errors = new ArrayList<>();
        given.forEach((name, value) -> {
            if (!(value instanceof String text)) {
                errors.add(new FieldError("variables." + name, "must be a string"));
            } else if (text.contains("{{")) {
                errors.add(new FieldError("variables." + name, "must not contain '{{': values are inserted literally, never rendered as templates"));
            } else if (text.length() > MAX_VALUE_CHARS) {
                errors.add(new FieldError("variables." + name, "must be at most " + MAX_VALUE_CHARS + " characters"));
            }
        });
        Set<String> used = new LinkedHashSet<>(PromptValidator.variablesIn(template));
        for (String name : used) {
            if (!given.containsKey(name)) {
                errors.add(new FieldError("variables." + name, "is required by the prompt ({{" + name + "}}) but was not given"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Matcher placeholder = PromptValidator.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (placeholder.find()) {
            placeholder.appendReplacement(out, Matcher.quoteReplacement((String) given.get(placeholder.group(1))));
        }
        placeholder.appendTail(out);
        Set<String> unused = new TreeSet<>(given.keySet());
        unused.removeAll(used);
        return new Rendered(out.toString(), List.copyOf(unused));
    }
}
