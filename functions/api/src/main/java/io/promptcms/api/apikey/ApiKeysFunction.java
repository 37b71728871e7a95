package io.promptcms.api.apikey;

import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.apikey.ApiKeyView;
import io.promptcms.apikey.CreatedApiKey;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;

/** The caller's own principal ({@code /me}) and API keys: create (secret shown once), list, revoke. */
public final class ApiKeysFunction extends HttpApiFunction {

    public static final String ME = "GET /api/v1/me";
    public static final String LIST_KEYS = "GET /api/v1/api-keys";
    public static final String CREATE_KEY = "POST /api/v1/api-keys";
    public static final String REVOKE_KEY = "DELETE /api/v1/api-keys/{id}";
    public static final List<String> ROUTE_KEYS = List.of(ME, LIST_KEYS, CREATE_KEY, REVOKE_KEY);

    static final String SHOWN_ONCE = "This is the only time the key is shown: store it now. Only its hash is kept.";

    public ApiKeysFunction() {
        this(Env.system());
    }

    public ApiKeysFunction(Env env) {
        this(ApiKeysWiring.of(env));
    }

    private ApiKeysFunction(ApiKeysWiring wiring) {
        this(wiring.keys(), wiring.bucket(), wiring.rateLimiter());
    }

    /**
     * No route here is idempotent by key: replaying a key creation would mean storing the secret in the
     * idempotency table, and a secret is kept nowhere. A retried create makes a second key the caller can revoke.
     */
    public ApiKeysFunction(ApiKeyService keys, String bucket, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(ME, Scope.PROMPTS_READ, request -> ApiResponse.ok(Me.of(request.principal(), bucket))),
                Route.of(LIST_KEYS, Scope.KEYS_MANAGE, request -> ApiResponse.ok(Map.of("items", keys.list(request.principal())))),
                Route.of(CREATE_KEY, Scope.KEYS_MANAGE, request -> create(keys, request)),
                Route.of(REVOKE_KEY, Scope.KEYS_MANAGE, request -> {
                    keys.revoke(request.principal(), request.pathParameter("id"));
                    return ApiResponse.noContent();
                })), IdempotencyGuard.NONE, rateLimiter);
    }

    private static ApiResponse create(ApiKeyService keys, ApiRequest request) {
        CreateKeyRequest body = request.jsonBody(CreateKeyRequest.class);
        CreatedApiKey created = keys.create(request.principal(), body.name(), body.scopes());
        return ApiResponse.json(201, NewKey.of(created));
    }

    public record CreateKeyRequest(String name, List<String> scopes) {
    }

    /** The answer to a create: the key's description plus, once, the secret itself. */
    public record NewKey(String id, String name, String prefix, List<String> scopes, String createdAt, String key, String note) {

        static NewKey of(CreatedApiKey created) {
            ApiKeyView view = created.key();
            return new NewKey(view.id(), view.name(), view.prefix(), view.scopes(), view.createdAt(), created.secret(), SHOWN_ONCE);
        }
    }

    public record Me(String userId, String keyId, String keyName, List<String> scopes, DropFolder dropFolder) {

        static Me of(Principal principal, String bucket) {
            String prefix = principal.dropFolderPrefix();
            return new Me(principal.userId(), principal.keyId(), principal.keyName(),
                    principal.scopes().stream().map(Scope::value).sorted().toList(),
                    new DropFolder(bucket, prefix, "s3://" + bucket + "/" + prefix));
        }
    }

    /** Where the caller drops files to have them imported into their library. */
    public record DropFolder(String bucket, String prefix, String s3Uri) {
    }
}
