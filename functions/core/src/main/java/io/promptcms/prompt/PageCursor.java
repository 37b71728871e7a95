package io.promptcms.prompt;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.common.ApiException;
import io.promptcms.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code cursor} of a list: a DynamoDB key as base64url JSON ({@code {"id":"…","version":3}}:
 * strings stay strings, numbers are numbers). Decoding checks the exact key attributes, so a cursor from
 * another list, or a forged one, is a 400 rather than a DynamoDB error.
 */
final class PageCursor {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private PageCursor() {
    }

    static String encode(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        key.forEach((name, value) -> plain.put(name, value.n() != null ? (Object) Long.valueOf(value.n()) : value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** The key, or a 400 when the cursor is not one this list made. */
    static Map<String, AttributeValue> decode(String cursor, Set<String> attributes) {
        if (cursor == null) {
            return null;
        }
        try {
            Map<String, Object> plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), MAP);
            if (!plain.keySet().equals(attributes)) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((name, value) -> key.put(name, switch (value) {
                case String s -> AttributeValue.fromS(s);
                case Number n -> AttributeValue.fromN(Long.toString(n.longValue()));
                default -> throw invalid();
            }));
            return key;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    static ApiException invalid() {
        return ApiException.badRequest("cursor is not valid for this list");
    }
}
