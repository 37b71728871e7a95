package io.promptcms.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;

/**
 * A budget as a client sent it, field by field as JSON values (absent fields null), so that validation can tell
 * a JSON {@code true} from the string {@code "true"} and {@code 80} from {@code 80.5}: Jackson's lenient coercion
 * into Boolean/Integer would accept both silently.
 */
public record BudgetInput(JsonNode limitUsd, JsonNode warnAtPercent, JsonNode hardStop, JsonNode allowUnpricedModels) {

    /** The input for callers that already hold typed values; null leaves a field out (its default applies). */
    public static BudgetInput of(BigDecimal limitUsd, Integer warnAtPercent, Boolean hardStop, Boolean allowUnpricedModels) {
        return new BudgetInput(
                limitUsd == null ? null : DecimalNode.valueOf(limitUsd),
                warnAtPercent == null ? null : IntNode.valueOf(warnAtPercent),
                hardStop == null ? null : BooleanNode.valueOf(hardStop),
                allowUnpricedModels == null ? null : BooleanNode.valueOf(allowUnpricedModels));
    }
}
