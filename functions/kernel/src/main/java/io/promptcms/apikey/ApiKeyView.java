package io.promptcms.apikey;

import java.util.List;

/** What the API shows of a key: never the secret, never its hash. */
public record ApiKeyView(String id, String name, String prefix, List<String> scopes, String createdAt, String lastUsedAt) {

    static ApiKeyView of(ApiKeyItem item) {
        return new ApiKeyView(item.getId(), item.getName(), item.getPrefix(), item.getScopes(), item.getCreatedAt(), item.getLastUsedAt());
    }
}
