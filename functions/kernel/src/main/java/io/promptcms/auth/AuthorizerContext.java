package io.promptcms.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The contract between the authorizer and the handlers: the keys of the Lambda authorizer context.
 * The authorizer writes the principal here (or the reason it could not), the handlers read only this. It works on
 * the context map itself, not on an API Gateway event, so the authorizer and the handlers share it without sharing
 * a module beyond the kernel.
 */
public final class AuthorizerContext {

    public static final String USER_ID = "userId";
    public static final String KEY_ID = "keyId";
    public static final String KEY_NAME = "keyName";
    public static final String SCOPES = "scopes";
    /** Set instead of the principal when the key is missing, malformed or revoked: the handler answers 401. */
    public static final String AUTH_ERROR = "authError";

    private AuthorizerContext() {
    }

    public static Map<String, Object> of(Principal principal) {
        Map<String, Object> context = new HashMap<>();
        context.put(USER_ID, principal.userId());
        context.put(KEY_ID, principal.keyId());
        context.put(KEY_NAME, principal.keyName());
        context.put(SCOPES, principal.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(" ")));
        return context;
    }

    public static Map<String, Object> denied(String reason) {
        return Map.of(AUTH_ERROR, reason);
    }

    public static Optional<Principal> principal(Map<String, Object> context) {
        Object userId = context.get(USER_ID);
        if (!(userId instanceof String user) || user.isBlank()) {
            return Optional.empty();
        }
        String scopes = String.valueOf(context.getOrDefault(SCOPES, ""));
        return Optional.of(new Principal(user, String.valueOf(context.get(KEY_ID)), String.valueOf(context.get(KEY_NAME)),
                Arrays.stream(scopes.split(" ")).map(Scope::parse).flatMap(Optional::stream).collect(Collectors.toSet())));
    }

    public static Optional<String> authError(Map<String, Object> context) {
        return Optional.ofNullable(context.get(AUTH_ERROR)).map(String::valueOf);
    }
}
