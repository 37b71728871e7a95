package io.promptcms.run;

import java.util.Map;

/**
 * What the caller asks of a run or a cost preview. Variables are taken as any JSON value so a non-string can be
 * refused with a message naming it; {@code model} overrides the prompt's own.
 */
public record RunOptions(Map<String, Object> variables, String model, Integer maxTokens, Double temperature, Integer expectedOutputTokens) {
}
