package io.promptcms.api.docs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.common.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document, a hand-written resource of this jar. Public
 * (the route has no authorizer), since it only describes what every client may call.
 */
public final class OpenApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String ROUTE_KEY = "GET /api/v1/openapi.json";
    public static final List<String> ROUTE_KEYS = List.of(ROUTE_KEY);
    static final String RESOURCE = "/openapi.json";
    /** The document changes only with a deployment; five minutes bounds how long a client sees the old one. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final ApiResponse document;

    public OpenApiFunction() {
        this(Env.system());
    }

    /** Reads no configuration; takes an {@link Env} like every function so the local runtime builds them all alike. */
    public OpenApiFunction(Env env) {
        this.document = new ApiResponse(200, Map.of("content-type", ApiResponse.JSON, "cache-control", CACHE_CONTROL), load());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event).toEvent();
    }

    public ApiResponse handle(APIGatewayV2HTTPEvent event) {
        return document;
    }

    private static String load() {
        try (InputStream in = OpenApiFunction.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
