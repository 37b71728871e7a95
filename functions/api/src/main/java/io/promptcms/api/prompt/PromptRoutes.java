package io.promptcms.api.prompt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.Json;
import io.promptcms.common.PageCursor;
import io.promptcms.duplicate.DuplicateDetection;
import io.promptcms.duplicate.SimilarPrompts;
import io.promptcms.prompt.Prompt;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.RevisionCondition;
import io.promptcms.search.PromptSearch;
import io.promptcms.search.PromptSearchQuery;
import io.promptcms.search.SearchParams;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The prompt routes: read the request, call {@link PromptService} (or {@link DuplicateDetection} for a create and
 * the similar prompts, {@link PromptSearch} for a search), answer the view with its ETag.
 */
final class PromptRoutes {

    static final String BASE = "/api/v1/prompts";
    /** Query flag of {@code POST /prompts}: refuse (409) a prompt that (nearly) duplicates one of the caller's. */
    static final String REJECT_DUPLICATES = "rejectDuplicates";

    private final PromptService prompts;
    private final DuplicateDetection duplicates;
    private final PromptSearch search;

    PromptRoutes(PromptService prompts, DuplicateDetection duplicates, PromptSearch search) {
        this.prompts = prompts;
        this.duplicates = duplicates;
        this.search = search;
    }

    /** A route of this class: its key, scope and whether it is idempotent, and the method that answers it. */
    private record Binding(String routeKey, Scope scope, boolean idempotent, BiFunction<PromptRoutes, ApiRequest, ApiResponse> action) {
    }

    private static final List<Binding> BINDINGS = List.of(
            new Binding("GET " + BASE, Scope.PROMPTS_READ, false, PromptRoutes::list),
            new Binding("POST " + BASE, Scope.PROMPTS_WRITE, true, PromptRoutes::create),
            new Binding("GET " + BASE + "/{id}", Scope.PROMPTS_READ, false, PromptRoutes::get),
            new Binding("PUT " + BASE + "/{id}", Scope.PROMPTS_WRITE, false, PromptRoutes::update),
            new Binding("DELETE " + BASE + "/{id}", Scope.PROMPTS_WRITE, false, PromptRoutes::delete),
            new Binding("GET " + BASE + "/{id}/similar", Scope.PROMPTS_READ, false, PromptRoutes::similar),
            new Binding("GET " + BASE + "/{id}/versions", Scope.PROMPTS_READ, false, PromptRoutes::versions),
            new Binding("GET " + BASE + "/{id}/versions/{version}", Scope.PROMPTS_READ, false, PromptRoutes::version),
            new Binding("POST " + BASE + "/{id}/versions/{version}/restore", Scope.PROMPTS_WRITE, true, PromptRoutes::restore),
            new Binding("PUT " + BASE + "/{id}/favorite", Scope.PROMPTS_WRITE, false, (routes, request) -> routes.favorite(request, true)),
            new Binding("DELETE " + BASE + "/{id}/favorite", Scope.PROMPTS_WRITE, false, (routes, request) -> routes.favorite(request, false)));

    /** The route keys, for the route catalog (no service needed to know them). */
    static final List<String> ROUTE_KEYS = BINDINGS.stream().map(Binding::routeKey).toList();

    List<Route> routes() {
        return BINDINGS.stream()
                .map(binding -> new Route(binding.routeKey(), binding.scope(), binding.idempotent(), request -> binding.action().apply(this, request)))
                .toList();
    }

    /**
     * The created prompt, plus {@code similar} (the caller's prompts it resembles, at most five) when there are any and
     * {@code similarComplete: false} when only exact duplicates could be looked for (search unavailable).
     */
    private ApiResponse create(ApiRequest request) {
        boolean rejectDuplicates = request.flag(REJECT_DUPLICATES);
        var created = duplicates.create(userId(request), request.jsonBody(PromptInput.class), rejectDuplicates);
        Prompt prompt = created.prompt();
        ObjectNode body = Json.MAPPER.valueToTree(prompt);
        SimilarPrompts similar = created.similar();
        if (!similar.items().isEmpty()) {
            body.set("similar", Json.MAPPER.valueToTree(similar.items()));
        }
        if (!similar.complete()) {
            body.put("similarComplete", false);
        }
        return withEtag(ApiResponse.created(BASE + "/" + prompt.id(), body), prompt);
    }

    /** {@code {items: [{id, name, similarity, exact}], complete}}: best first, {@code limit} (1..100, default 20) at most. */
    private ApiResponse similar(ApiRequest request) {
        SimilarPrompts similar = duplicates.similarTo(userId(request), request.pathParameter("id"), PageCursor.limit(request.query("limit")));
        return ApiResponse.ok(similar);
    }

    private ApiResponse get(ApiRequest request) {
        return view(prompts.get(userId(request), request.pathParameter("id")));
    }

    /**
     * Only limit/cursor: the table's listing (read-your-writes); any other parameter: text, filters, sorts and facets
     * over what the caller may see, from the search index.
     */
    private ApiResponse list(ApiRequest request) {
        SearchParams params = SearchParams.parse(request.queryParameterLists());
        return params.isPlainListing()
                ? ApiResponse.ok(prompts.list(userId(request), params.limit(), params.cursor().orElse(null)))
                : ApiResponse.ok(search.search(PromptSearchQuery.Visibility.of(userId(request)), params));
    }

    private ApiResponse update(ApiRequest request) {
        String id = request.pathParameter("id");
        return view(prompts.update(userId(request), id, request.jsonBody(PromptInput.class), ifMatch(request)));
    }

    private ApiResponse delete(ApiRequest request) {
        prompts.delete(userId(request), request.pathParameter("id"), ifMatch(request));
        return ApiResponse.noContent();
    }

    private ApiResponse versions(ApiRequest request) {
        return ApiResponse.ok(prompts.versions(userId(request), request.pathParameter("id"), PageCursor.limit(request.query("limit")), request.query("cursor").orElse(null)));
    }

    private ApiResponse version(ApiRequest request) {
        return ApiResponse.ok(prompts.version(userId(request), request.pathParameter("id"), versionNumber(request)));
    }

    private ApiResponse restore(ApiRequest request) {
        return view(prompts.restore(userId(request), request.pathParameter("id"), versionNumber(request), ifMatch(request)));
    }

    private ApiResponse favorite(ApiRequest request, boolean favorite) {
        return view(prompts.setFavorite(userId(request), request.pathParameter("id"), favorite, ifMatch(request)));
    }

    private static ApiResponse view(Prompt prompt) {
        return withEtag(ApiResponse.ok(prompt), prompt);
    }

    private static ApiResponse withEtag(ApiResponse response, Prompt prompt) {
        return response.withHeader("etag", RevisionCondition.etag(prompt.status().revision()));
    }

    private static String userId(ApiRequest request) {
        return request.principal().userId();
    }

    private static RevisionCondition ifMatch(ApiRequest request) {
        return RevisionCondition.ifMatch(request.header("if-match").orElse(null));
    }

    /** A path version number; anything that is not one names no version (404). */
    private static long versionNumber(ApiRequest request) {
        String value = request.pathParameter("version");
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to 404
        }
        throw ApiException.notFound("version");
    }
}
