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
 * The opaque {@code nextCursor} of a search: the sort values of the page's last hit ({@code search_after}), the
 * high-cost threshold the first page used (so every page of a walk filters alike, and later pages skip that
 * request), and a digest of the caller, the canonical query and those values. A cursor is only accepted for the
 * search that produced it, unchanged. It is not a security boundary (the visibility filter is): it turns a
 * mixed-up or edited cursor into a clear 400 instead of a wrong page.
 */
final class SearchCursor {

    /** Where the walk stands and the threshold it uses (null unless quick=high-cost). */
    record Position(List<FieldValue> after, Double highCostThreshold) {
    }

    private record Payload(List<Object> after, Double threshold, String check) {
    }

    private SearchCursor() {
    }

    static String encode(Position position, String userId, SearchParams params) {
        List<Object> after = position.after().stream().map(SearchCursor::plain).toList();
        String check = digest(userId, params, after, position.highCostThreshold());
        byte[] json = Json.write(new Payload(after, position.highCostThreshold(), check)).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    static Position decode(String cursor, String userId, SearchParams params) {
        Payload payload;
        try {
            payload = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), Payload.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw ApiException.badRequest("cursor is not valid");
        }
        // one value of the sort field and the id, whatever the sort
        if (payload.after() == null || payload.after().size() != 2 || !(payload.after().get(1) instanceof String)
                || !digest(userId, params, payload.after(), payload.threshold()).equals(payload.check())) {
            throw ApiException.badRequest("cursor does not belong to this search");
        }
        return new Position(payload.after().stream().map(SearchCursor::fieldValue).toList(), payload.threshold());
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

    private static String digest(String userId, SearchParams params, List<Object> after, Double threshold) {
        String signed = userId + '\n' + params.resultKey() + '\n' + Json.write(after) + '\n' + threshold;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(signed.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
