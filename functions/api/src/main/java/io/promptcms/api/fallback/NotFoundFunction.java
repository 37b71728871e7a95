package io.promptcms.api.fallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.Problems;
import io.promptcms.common.Env;
import io.promptcms.common.ProblemType;
import java.util.Set;

/**
 * The {@code $default} route: whatever no other route matched. A known path with another method is 405 with
 * {@code Allow}; anything else is 404. Both as problem+json, and without authorization: an unknown route is
 * unknown to everyone, and the answer reveals only the public route table.
 */
public final class NotFoundFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RouteCatalog routes;

    public NotFoundFunction() {
        this(Env.system());
    }

    /** Reads no configuration; takes an {@link Env} like every function so the local runtime builds them all alike. */
    public NotFoundFunction(Env env) {
        this(RouteCatalog.ALL);
    }

    public NotFoundFunction(RouteCatalog routes) {
        this.routes = routes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event).toEvent();
    }

    public ApiResponse handle(APIGatewayV2HTTPEvent event) {
        String path = event.getRawPath();
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod();
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        Set<String> allowed = routes.methodsFor(path);
        if (!allowed.isEmpty() && !allowed.contains(method)) {
            return Problems.of(ProblemType.METHOD_NOT_ALLOWED, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed), requestId)
                    .withHeader("allow", String.join(", ", allowed));
        }
        return Problems.of(ProblemType.NOT_FOUND, "no route " + method + " " + path, requestId);
    }
}
