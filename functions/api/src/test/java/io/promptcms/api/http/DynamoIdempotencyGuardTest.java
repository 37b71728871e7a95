package io.promptcms.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.idempotency.IdempotencyService;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What makes two requests "the same" for an Idempotency-Key, and which answers are kept for replay. */
class DynamoIdempotencyGuardTest {

    private static final Principal CALLER = new Principal("usr_guard", "key_guard", "test", Set.of(Scope.PROMPTS_WRITE));

    private static LocalDynamoServer dynamo;
    private static DynamoIdempotencyGuard guard;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        guard = new DynamoIdempotencyGuard(new IdempotencyService(dynamo.client(), LocalDynamoServer.IDEMPOTENCY, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void theSameBodyWithOtherQueryOptionsIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        AtomicInteger runs = new AtomicInteger();
        Function<ApiRequest, ApiResponse> action = request -> {
            runs.incrementAndGet();
            return ApiResponse.json(200, Map.of("dryRun", request.query("dryRun").orElse("false")));
        };

        assertEquals(200, guard.run(request(key, "dryRun=true", null), action).status());
        ApiResponse replay = guard.run(request(key, "dryRun=true", null), action);

        assertEquals("true", replay.headers().get("idempotent-replayed"));
        assertReused(() -> guard.run(request(key, "onConflict=update", null), action));
        assertEquals(1, runs.get());
    }

    @Test
    void anotherIfMatchIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        Function<ApiRequest, ApiResponse> action = request -> ApiResponse.json(200, Map.of());

        guard.run(request(key, "", "\"1\""), action);

        assertReused(() -> guard.run(request(key, "", "\"2\""), action));
    }

    @Test
    void answersThatDependOnTheMomentAreNotReplayed() {
        String key = UUID.randomUUID().toString();
        AtomicInteger runs = new AtomicInteger();
        Function<ApiRequest, ApiResponse> conflictThenSuccess = request ->
                runs.incrementAndGet() == 1 ? ApiResponse.json(409, Map.of("detail", "raced")) : ApiResponse.json(201, Map.of());

        assertEquals(409, guard.run(request(key, "", null), conflictThenSuccess).status());
        ApiResponse retried = guard.run(request(key, "", null), conflictThenSuccess);

        assertEquals(201, retried.status());
        assertNull(retried.headers().get("idempotent-replayed"));
        assertEquals(2, runs.get());
    }

    private static void assertReused(Executable call) {
        assertEquals(ProblemType.IDEMPOTENCY_KEY_REUSED, assertThrows(ApiException.class, call).type());
    }

    private static ApiRequest request(String key, String query, String ifMatch) {
        Map<String, String> headers = new HashMap<>(Map.of("idempotency-key", key, "content-type", "application/json"));
        if (ifMatch != null) {
            headers.put("if-match", ifMatch);
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            parameters.put(pair.split("=")[0], pair.split("=")[1]);
        }
        var event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /api/v1/prompts/bulk-import")
                .withRawPath("/api/v1/prompts/bulk-import")
                .withRawQueryString(query)
                .withQueryStringParameters(parameters)
                .withHeaders(headers)
                .withBody("{\"content\":\"name,content\\na,b\"}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/api/v1/prompts/bulk-import").build())
                        .build())
                .build();
        return new ApiRequest(event, CALLER);
    }
}
