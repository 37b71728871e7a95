package io.promptcms.common;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cursor pagination over a DynamoDB query: the opaque cursor is the base64url JSON of the LastEvaluatedKey
 * (strings stay strings, numbers are numbers). A cursor that does not decode, has other key attributes, or
 * belongs to another owner is a 400: the owner check stops a caller from walking another tenant's partition
 * with a forged cursor, and the attribute check turns a cursor from another list into a 400, not a DynamoDB error.
 */
public final class PageCursor {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private static final TypeReference<Map<String, Object>> PLAIN_KEY = new TypeReference<>() {
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

    /** The next page's cursor, or null when there is no next page. */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> plain.put(name, value.n() != null ? (Object) Long.valueOf(value.n()) : value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ExclusiveStartKey a cursor stands for, checked to have exactly {@code keyAttributes} and to belong to
     * {@code owner} (held in {@code ownerAttribute}).
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyAttributes, String ownerAttribute, String owner) {
        Map<String, AttributeValue> key = decode(cursor, keyAttributes);
        AttributeValue keyOwner = key.get(ownerAttribute);
        if (keyOwner == null || !owner.equals(keyOwner.s())) {
            throw invalid();
        }
        return key;
    }

    /** The ExclusiveStartKey a cursor stands for, checked to have exactly {@code keyAttributes}. */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> keyAttributes) {
        Map<String, Object> plain;
        try {
            plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), PLAIN_KEY);
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (plain == null || !plain.keySet().equals(keyAttributes)) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        plain.forEach((name, value) -> key.put(name, switch (value) {
            case String s when !s.isEmpty() -> AttributeValue.fromS(s);
            case Number n -> AttributeValue.fromN(Long.toString(n.longValue()));
            case null, default -> throw invalid();
        }));
        return key;
    }

    public static ApiException invalid() {
        return ApiException.validation(List.of(new FieldError("cursor", "is not a cursor this list returned")));
    }
}
