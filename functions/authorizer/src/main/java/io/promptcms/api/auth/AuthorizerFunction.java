package io.promptcms.api.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.common.Env;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses): resolves {@code Authorization: Bearer <key>}
 * to a principal. It runs on every request API Gateway has not cached, so it ships in its own small jar (the
 * kernel and the DynamoDB SDK, nothing of the other functions).
 * <p>
 * It always answers {@code isAuthorized: true}. An HTTP API answers an authorizer's denial itself, with a fixed
 * {@code 403 {"message":"Forbidden"}} that cannot be customised (no gateway responses as REST APIs have), so a
 * denial here would break the API's problem+json contract. Instead a failed check travels in the context
 * ({@link AuthorizerContext#denied}) and the handlers ({@code HttpApiFunction}) render the 401 problem.
 * <p>
 * Reasons never say whether a key exists: a malformed key and an unknown or revoked one are both "invalid".
 * A storage failure is thrown, not turned into a 401: API Gateway then answers 500 and, unlike a denial,
 * does not cache it.
 */
public final class AuthorizerFunction implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {

    static final String MISSING = "missing API key: send 'Authorization: Bearer pcms_…'";
    static final String WRONG_SCHEME = "unsupported authorization scheme: send 'Authorization: Bearer pcms_…'";
    static final String INVALID = "invalid API key";

    private final ApiKeyService keys;

    public AuthorizerFunction() {
        this(Env.system());
    }

    public AuthorizerFunction(Env env) {
        this(AuthorizerWiring.of(env).keys());
    }

    public AuthorizerFunction(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        return Map.of("isAuthorized", true, "context", contextFor(authorization(event)));
    }

    private Map<String, Object> contextFor(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return AuthorizerContext.denied(MISSING);
        }
        String[] parts = authorization.get().strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return AuthorizerContext.denied(WRONG_SCHEME);
        }
        Optional<Principal> principal = keys.authenticate(parts[1].strip());
        return principal.map(AuthorizerContext::of).orElseGet(() -> AuthorizerContext.denied(INVALID));
    }

    /** Payload 2.0 lowercases header names, but the local runtime and tests may not: match any case. */
    private static Optional<String> authorization(APIGatewayV2CustomAuthorizerEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().toLowerCase(Locale.ROOT).equals("authorization"))
                .map(Map.Entry::getValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
