package io.promptcms.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.common.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP request as API Gateway (payload 2.0) hands it to the authorizer and then to the route's function:
 * lower-cased headers, route key, path parameters, and the authorizer's context under
 * {@code requestContext.authorizer.lambda}.
 */
public final class ApiCall {

    private final String routeKey;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String body;

    private ApiCall(String routeKey, String path) {
        this.routeKey = routeKey;
        this.path = path;
    }

    /** {@code routeKey} as in template.yaml; {@code path} the concrete path the client asked for. */
    public static ApiCall of(String routeKey, String path) {
        return new ApiCall(routeKey, path);
    }

    public ApiCall bearer(String key) {
        return header("Authorization", "Bearer " + key);
    }

    public ApiCall header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public ApiCall pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public ApiCall query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiCall json(Object value) {
        header("content-type", "application/json");
        body = value instanceof String text ? text : Json.write(value);
        return this;
    }

    public String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    public APIGatewayV2CustomAuthorizerEvent authorizerEvent() {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setHeaders(Map.copyOf(headers));
        return event;
    }

    public APIGatewayV2HTTPEvent event(Map<String, Object> authorizerContext) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withHeaders(Map.copyOf(headers))
                .withPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters))
                .withQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method()).withPath(path).build())
                        .withAuthorizer(authorizerContext == null ? null
                                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizerContext).build())
                        .build())
                .build();
    }
}
