package io.promptcms.api.collection;

import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.collection.Collection;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.common.PageCursor;
import io.promptcms.prompt.RevisionCondition;
import io.promptcms.ratelimit.RateLimiter;
import java.util.List;

/** Collection CRUD. Replacing honours If-Match (ETag = revision) as prompts do; deleting a collection keeps its prompts. */
public final class CollectionsFunction extends HttpApiFunction {

    public static final String LIST = "GET /api/v1/collections";
    public static final String CREATE = "POST /api/v1/collections";
    public static final String GET = "GET /api/v1/collections/{id}";
    public static final String UPDATE = "PUT /api/v1/collections/{id}";
    public static final String DELETE = "DELETE /api/v1/collections/{id}";
    public static final List<String> ROUTE_KEYS = List.of(LIST, CREATE, GET, UPDATE, DELETE);

    private static final String BASE_PATH = "/api/v1/collections/";

    public CollectionsFunction() {
        this(Env.system());
    }

    public CollectionsFunction(Env env) {
        this(CollectionsWiring.of(env));
    }

    private CollectionsFunction(CollectionsWiring wiring) {
        this(wiring.collections(), wiring.idempotency(), wiring.rateLimiter());
    }

    public CollectionsFunction(CollectionService collections, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(LIST, Scope.PROMPTS_READ, request -> ApiResponse.ok(collections.list(request.principal(),
                        PageCursor.limit(request.query("limit")), request.query("cursor")))),
                Route.idempotent(CREATE, Scope.PROMPTS_WRITE, request -> {
                    CollectionRequest body = request.jsonBody(CollectionRequest.class);
                    Collection created = collections.create(request.principal(), body.name(), body.description());
                    return ApiResponse.created(BASE_PATH + created.id(), created).withHeader("etag", RevisionCondition.etag(created.revision()));
                }),
                Route.of(GET, Scope.PROMPTS_READ, request -> tagged(collections.get(request.principal(), id(request)))),
                Route.idempotent(UPDATE, Scope.PROMPTS_WRITE, request -> {
                    RevisionCondition expected = RevisionCondition.ifMatch(request.header("if-match").orElse(null));
                    CollectionRequest body = request.jsonBody(CollectionRequest.class);
                    return tagged(collections.update(request.principal(), id(request), expected, body.name(), body.description()));
                }),
                Route.idempotent(DELETE, Scope.PROMPTS_WRITE, request -> {
                    collections.delete(request.principal(), id(request));
                    return ApiResponse.noContent();
                })), idempotency, rateLimiter);
    }

    private static ApiResponse tagged(Collection collection) {
        return ApiResponse.ok(collection).withHeader("etag", RevisionCondition.etag(collection.revision()));
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("id");
    }

    public record CollectionRequest(String name, String description) {
    }
}
