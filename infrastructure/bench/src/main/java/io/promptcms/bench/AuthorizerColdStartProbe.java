package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.auth.AuthorizerContext;
import java.util.Map;

/**
 * One cold start of the authorizer, run in a fresh JVM by {@link ColdStartBenchmark}: build it as Lambda would
 * (no-arg constructor, configuration from the process environment) and check one API key. Prints status=200 only
 * when the key resolved to a principal, so the parent knows the check reached DynamoDB.
 */
public final class AuthorizerColdStartProbe {

    private AuthorizerColdStartProbe() {
    }

    public static void main(String[] args) {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey("GET /api/v1/prompts/{id}");
        event.setHeaders(Map.of("authorization", "Bearer " + args[0]));
        Map<String, Object> answer = new AuthorizerFunction().handleRequest(event, null);
        Map<?, ?> context = (Map<?, ?>) answer.get("context");
        System.out.println(context.containsKey(AuthorizerContext.USER_ID) ? "status=200" : "status=401 " + context);
    }
}
