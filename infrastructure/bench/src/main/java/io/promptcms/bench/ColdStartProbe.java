package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import java.util.Map;
import java.util.Set;

/**
 * One cold start, run in a fresh JVM by {@link ColdStartBenchmark}: build the handler as Lambda would (no-arg
 * constructor, configuration from the process environment) and answer one {@code GET /api/v1/prompts/{id}}.
 * Prints the status so the parent can check the answer was a real one.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String handler = args[0];
        String promptId = args[1];
        String userId = args[2];
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function = switch (handler) {
            case "prompts" -> new PromptsFunction();
            case "hello" -> new HelloGetItemFunction();
            default -> throw new IllegalArgumentException("unknown handler " + handler);
        };
        APIGatewayV2HTTPResponse response = function.handleRequest(getPrompt(promptId, userId), null);
        System.out.println("status=" + response.getStatusCode());
    }

    private static APIGatewayV2HTTPEvent getPrompt(String promptId, String userId) {
        String path = "/api/v1/prompts/" + promptId;
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET /api/v1/prompts/{id}")
                .withRawPath(path)
                .withPathParameters(Map.of("id", promptId))
                .withHeaders(Map.of("host", "localhost"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("cold-start")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withLambda(AuthorizerContext.of(new Principal(userId, "key_bench", "bench", Set.of(Scope.PROMPTS_READ))))
                                .build())
                        .build())
                .build();
    }
}
