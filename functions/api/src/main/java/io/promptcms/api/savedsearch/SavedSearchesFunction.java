package io.promptcms.api.savedsearch;

import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.savedsearch.SavedSearch;
import io.promptcms.savedsearch.SavedSearchService;
import java.util.List;
import java.util.Map;

/**
 * Saved searches: a name and the query string of {@code GET /prompts}, checked by the same parser the list uses and
 * kept in its canonical form, so opening {@code url} reproduces the view.
 */
public final class SavedSearchesFunction extends HttpApiFunction {

    public static final String LIST = "GET /api/v1/saved-searches";
    public static final String CREATE = "POST /api/v1/saved-searches";
    public static final String DELETE = "DELETE /api/v1/saved-searches/{id}";
    public static final List<String> ROUTE_KEYS = List.of(LIST, CREATE, DELETE);

    public SavedSearchesFunction() {
        this(Env.system());
    }

    public SavedSearchesFunction(Env env) {
        this(SavedSearchesWiring.of(env));
    }

    private SavedSearchesFunction(SavedSearchesWiring wiring) {
        this(wiring.savedSearches(), wiring.idempotency(), wiring.rateLimiter());
    }

    public SavedSearchesFunction(SavedSearchService savedSearches, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(LIST, Scope.PROMPTS_READ, request -> ApiResponse.ok(Map.of("items", savedSearches.list(request.principal().userId())))),
                Route.idempotent(CREATE, Scope.PROMPTS_WRITE, request -> {
                    SavedSearchRequest body = request.jsonBody(SavedSearchRequest.class);
                    SavedSearch saved = savedSearches.create(request.principal().userId(), body.name(), body.query(), body.teamId());
                    return ApiResponse.created(CREATE.substring(CREATE.indexOf(' ') + 1) + "/" + saved.id(), saved);
                }),
                Route.idempotent(DELETE, Scope.PROMPTS_WRITE, request -> {
                    savedSearches.delete(request.principal().userId(), request.pathParameter("id"));
                    return ApiResponse.noContent();
                })), idempotency, rateLimiter);
    }

    /** {@code query}: what follows {@code ?} in a {@code GET /api/v1/prompts} URL; {@code teamId}: sharing, refused until teams exist. */
    public record SavedSearchRequest(String name, String query, String teamId) {
    }
}
