package io.promptcms.prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The optional list filters: favourites only, one collection, one tag. */
public record ListFilter(boolean favoriteOnly, String collectionId, String tag) {

    public static final ListFilter NONE = new ListFilter(false, null, null);

    public boolean matches(StoredPrompt item) {
        return (!favoriteOnly || Boolean.TRUE.equals(item.favorite()))
                && (collectionId == null || (item.collectionIds() != null && item.collectionIds().contains(collectionId)))
                && (tag == null || (item.fields().tags() != null && item.fields().tags().contains(tag)));
    }

    /** The same test as {@link #matches} as a DynamoDB filter expression, or empty when nothing is filtered. */
    public Optional<Expression> expression() {
        List<String> terms = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (favoriteOnly) {
            terms.add(PromptSchemas.FAVORITE + " = :favorite");
            values.put(":favorite", AttributeValue.fromBool(true));
        }
        if (collectionId != null) {
            terms.add("contains(" + PromptSchemas.COLLECTION_IDS + ", :collection)");
            values.put(":collection", AttributeValue.fromS(collectionId));
        }
        if (tag != null) {
            terms.add("contains(" + PromptSchemas.TAGS + ", :tag)");
            values.put(":tag", AttributeValue.fromS(tag));
        }
        return terms.isEmpty() ? Optional.empty()
                : Optional.of(Expression.builder().expression(String.join(" AND ", terms)).expressionValues(values).build());
    }

    public boolean isEmpty() {
        return !favoriteOnly && collectionId == null && tag == null;
    }
}
