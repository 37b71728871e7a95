package io.promptcms.auth;

import java.util.Set;

/**
 * Who is calling, as the authorizer resolved it from the API key. Handlers trust only this, never ids from
 * the request body or query.
 */
public record Principal(String userId, String keyId, String keyName, Set<Scope> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The caller's folder in the S3 drop bucket: files put there are imported into this user's library. */
    public String dropFolderPrefix() {
        return "imports/" + userId + "/";
    }
}
