package io.promptcms.api.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shared shape of every HTTP API function: find the route by its route key, require a principal within its
 * per-minute rate limit and with the route's scope, run it (through the idempotency guard when the route asks for it), and map every failure to
 * a problem. A read runs while its rate-limit check is in flight (and is dropped if over the limit); a write waits for it. Subclasses only declare routes.
 */
public abstract class HttpApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final System.Logger LOG = System.getLogger(HttpApiFunction.class.getName());

    private final Map<String, Route> routes;
    private final IdempotencyGuard idempotency;
    private static final String READ = "GET ";
    /** Runs the limiter of reads beside the read itself; virtual threads, so a container holds no idle pool. */
    private static final Executor LIMITER = Executors.newVirtualThreadPerTaskExecutor();

    private final RateLimiter rateLimiter;

    protected HttpApiFunction(List<Route> routes, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        this.routes = routes.stream().collect(Collectors.toUnmodifiableMap(Route::routeKey, Function.identity()));
        this.idempotency = idempotency;
        this.rateLimiter = rateLimiter;
    }

    /** The route keys this function serves; the template consistency test compares them with template.yaml. */
    public final java.util.Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event).toEvent();
    }

    public final ApiResponse handle(APIGatewayV2HTTPEvent event) {
        String instance = requestId(event);
        try {
            Route route = routes.get(event.getRouteKey());
            if (route == null) {
                return Problems.of(ProblemType.NOT_FOUND, "no route " + event.getRouteKey(), instance);
            }
            Map<String, Object> authorizerContext = authorizerContext(event);
            Optional<Principal> principal = AuthorizerContext.principal(authorizerContext);
            if (principal.isEmpty()) {
                String reason = AuthorizerContext.authError(authorizerContext).orElse("send an API key as 'Authorization: Bearer pcms_…'");
                return Problems.of(ProblemType.UNAUTHORIZED, reason, instance).withHeader("www-authenticate", "Bearer");
            }
            if (!principal.get().has(route.scope())) {
                return limited(rateLimiter.acquire(principal.get().keyId()), instance)
                        .orElseGet(() -> Problems.of(ProblemType.FORBIDDEN, "this API key lacks the scope " + route.scope().value(), instance));
            }
            ApiRequest request = new ApiRequest(event, principal.get());
            if (route.routeKey().startsWith(READ)) {
                // A read changes nothing, so it runs while the limiter's DynamoDB write is in flight: its answer is
                // dropped if the key is over the limit. Writes wait for the limiter before they start.
                CompletableFuture<Optional<Duration>> retryAfter = CompletableFuture.supplyAsync(() -> rateLimiter.acquire(principal.get().keyId()), LIMITER);
                ApiResponse answer = answer(route, request, instance);
                return limited(retryAfter.join(), instance).orElse(answer);
            }
            Optional<ApiResponse> tooMany = limited(rateLimiter.acquire(principal.get().keyId()), instance);
            return tooMany.isPresent() ? tooMany.get() : answer(route, request, instance);
        } catch (ApiException e) {
            return Problems.of(e, instance);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unhandled failure on " + event.getRouteKey(), e);
            return Problems.of(ProblemType.INTERNAL, "an internal error occurred; request id " + instance, instance);
        }
    }

    /** What the authorizer wrote for this request; empty when the route has no authorizer. */
    private static Map<String, Object> authorizerContext(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        if (requestContext == null || requestContext.getAuthorizer() == null || requestContext.getAuthorizer().getLambda() == null) {
            return Map.of();
        }
        return requestContext.getAuthorizer().getLambda();
    }

    private ApiResponse answer(Route route, ApiRequest request, String instance) {
        try {
            return route.idempotent() ? idempotency.run(request, route.action()) : route.action().apply(request);
        } catch (ApiException e) {
            return Problems.of(e, instance);
        }
    }

    private static Optional<ApiResponse> limited(Optional<Duration> retryAfter, String instance) {
        return retryAfter.map(wait -> {
            long seconds = Math.max(1, wait.toSeconds());
            return Problems.of(ProblemType.TOO_MANY_REQUESTS, "this API key has used its requests for this minute; retry in " + seconds + " s",
                    instance).withHeader("retry-after", Long.toString(seconds));
        });
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }
}
