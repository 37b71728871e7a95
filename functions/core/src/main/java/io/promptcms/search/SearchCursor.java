package io.promptcms.search;

import io.promptcms.common.ApiException;
import io.promptcms.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.opensearch.client.opensearch._types.FieldValue;

/**
 * The opaque {@code nextCursor} of a search: the sort values of the page's last hit ({@code search_after}) and a
 * digest of the owner and query text, so a cursor is only accepted for the search that produced it. It is not a
 * security boundary (the owner filter is): it turns a mixed-up cursor into a clear 400 instead of a wrong page.
 */
final class SearchCursor {

    private record Payload(List<Object> after, String query) {
    }

    private SearchCursor() {
    }

    static String encode(List<FieldValue> sortValues, String ownerId, String text) {
        List<Object> after = sortValues.stream().map(SearchCursor::plain).toList();
        byte[] json = Json.write(new Payload(after, digest(ownerId, text))).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    static List<FieldValue> decode(String cursor, String ownerId, String text) {
        Payload payload;
        try {
            payload = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), Payload.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ApiException.badRequest("cursor is not valid");
        }
        if (payload.after() == null || payload.after().isEmpty() || !digest(ownerId, text).equals(payload.query())) {
            throw ApiException.badRequest("cursor does not belong to this search");
        }
        return payload.after().stream().map(SearchCursor::fieldValue).toList();
    }

    private static Object plain(FieldValue value) {
        if (value.isDouble()) {
            return value.doubleValue();
        }
        if (value.isLong()) {
            return value.longValue();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        throw new IllegalStateException("unexpected sort value " + value);
    }

    private static FieldValue fieldValue(Object value) {
        return switch (value) {
            case Double d -> FieldValue.of(d);
            case Float f -> FieldValue.of(f.doubleValue());
            case Integer i -> FieldValue.of(i.longValue());
            case Long l -> FieldValue.of(l);
            case String s -> FieldValue.of(s);
            case null, default -> throw ApiException.badRequest("cursor is not valid");
        };
    }

    private static String digest(String ownerId, String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((ownerId + '\n' + (text == null ? "" : text.strip())).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
