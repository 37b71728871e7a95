package io.promptcms.common;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cursor pagination over a DynamoDB query: the cursor is the base64url JSON of the LastEvaluatedKey (string
 * attributes only). A cursor that does not decode, has other attributes, or belongs to another owner is a 400:
 * the owner check stops a caller from walking another tenant's partition with a forged cursor.
 */
public final class PageCursor {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private PageCursor() {
    }

    /** The {@code limit} query parameter: 1..100, default 20. */
    public static int limit(Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation(List.of(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT)));
    }

    /** The next page's cursor, or null when DynamoDB says there is no next page. */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> plain.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The ExclusiveStartKey a cursor stands for, checked to have exactly {@code keyAttributes} and to belong to
     * {@code owner} (held in {@code ownerAttribute}).
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyAttributes, String ownerAttribute, String owner) {
        Map<String, String> plain;
        try {
            plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), STRING_MAP);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (plain == null || !plain.keySet().equals(keyAttributes) || !owner.equals(plain.get(ownerAttribute))
                || plain.values().stream().anyMatch(v -> v == null || v.isEmpty())) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        plain.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }

    private static ApiException invalid() {
        return ApiException.validation(List.of(new FieldError("cursor", "is not a cursor this list returned")));
    }
}
