package io.promptcms.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.fixture.EchoFunction;
import io.promptcms.local.fixture.FixtureAuthorizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalGatewayTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RunningRuntime runtime = FixtureRuntime.get();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(runtime.gatewayUrl() + pathAndQuery)).header("Authorization", "Bearer good");
    }

    @Test
    void pathParametersAndRouteKeyComeFromTheTemplateRoute() throws Exception {
        var response = send(request("/echo/a%20b/parts/7"));
        assertEquals(200, response.statusCode());
        assertEquals("GET /echo/{id}/parts/{part}", response.headers().firstValue("x-route").orElseThrow());
        var event = EchoFunction.lastEvent;
        assertEquals("2.0", event.getVersion());
        assertEquals("GET /echo/{id}/parts/{part}", event.getRouteKey());
        assertEquals(Map.of("id", "a b", "part", "7"), event.getPathParameters());
        assertEquals("/echo/a%20b/parts/7", event.getRawPath());
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals("127.0.0.1", event.getRequestContext().getHttp().getSourceIp());
        assertFalse(event.getRequestContext().getRequestId().isBlank());
    }

    @Test
    void literalRouteWinsOverParameterRoute() throws Exception {
        assertEquals("GET /echo/fixed", send(request("/echo/fixed")).headers().firstValue("x-route").orElseThrow());
    }

    @Test
    void repeatedQueryParametersAreCommaJoined() throws Exception {
        send(request("/echo/1?tag=a&tag=b&q=x%20y&empty"));
        var event = EchoFunction.lastEvent;
        assertEquals("tag=a&tag=b&q=x%20y&empty", event.getRawQueryString());
        assertEquals(Map.of("tag", "a,b", "q", "x y", "empty", ""), event.getQueryStringParameters());
    }

    @Test
    void headersAreLowerCasedAndCookiesSeparated() throws Exception {
        send(request("/echo/1").header("X-Custom-Header", "Value").header("Cookie", "a=1; b=2").header("User-Agent", "tests/1"));
        var event = EchoFunction.lastEvent;
        assertEquals("Value", event.getHeaders().get("x-custom-header"));
        assertEquals(List.of("a=1", "b=2"), event.getCookies());
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals("tests/1", event.getRequestContext().getHttp().getUserAgent());
    }

    @Test
    void binaryBodyArrivesBase64EncodedAndJsonAsText() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        send(request("/echo").header("content-type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertTrue(EchoFunction.lastEvent.getIsBase64Encoded());
        assertEquals(Base64.getEncoder().encodeToString(bytes), EchoFunction.lastEvent.getBody());

        send(request("/echo").header("content-type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"ü\"}")));
        assertFalse(EchoFunction.lastEvent.getIsBase64Encoded());
        assertEquals("{\"a\":\"ü\"}", EchoFunction.lastEvent.getBody());
    }

    @Test
    void authorizerContextReachesTheFunction() throws Exception {
        send(request("/echo/1"));
        assertEquals("u-1", EchoFunction.lastEvent.getRequestContext().getAuthorizer().getLambda().get("userId"));
        var authorizerEvent = FixtureAuthorizer.lastEvent;
        assertEquals("2.0", authorizerEvent.getVersion());
        assertEquals(List.of("Bearer good"), authorizerEvent.getIdentitySource());
        assertEquals("GET /echo/{id}", authorizerEvent.getRouteKey());
        assertEquals("/echo/1", authorizerEvent.getRawPath());
    }

    @Test
    void refusedOrMissingKeyIsUnauthorizedProblem() throws Exception {
        for (var response : List.of(send(request("/echo/1").setHeader("Authorization", "Bearer bad")),
                send(HttpRequest.newBuilder(URI.create(runtime.gatewayUrl() + "/echo/1"))))) {
            assertEquals(401, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
            assertTrue(response.body().contains("\"type\":\"https://promptcms.dev/problems/unauthorized\""), response.body());
        }
    }

    @Test
    void routeWithAuthNoneSkipsTheAuthorizer() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(runtime.gatewayUrl() + "/public")));
        assertEquals(200, response.statusCode());
        assertNull(EchoFunction.lastEvent.getRequestContext().getAuthorizer());
    }

    @Test
    void bodyOverSixMegabytesIsRefusedBeforeTheFunction() throws Exception {
        EchoFunction.lastEvent = null;
        byte[] big = new byte[6 * 1024 * 1024 + 1];
        var response = send(request("/echo").header("content-type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("https://promptcms.dev/problems/payload-too-large"), response.body());
        assertNull(EchoFunction.lastEvent);
    }

    @Test
    void unknownRouteIsNotFoundProblem() throws Exception {
        var response = send(request("/nowhere"));
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("https://promptcms.dev/problems/not-found"), response.body());
    }

    @Test
    void functionPastItsTimeoutIsGatewayTimeout() throws Exception {
        long start = System.nanoTime();
        var response = send(request("/slow"));
        assertEquals(504, response.statusCode());
        assertTrue(response.body().contains("https://promptcms.dev/problems/gateway-timeout"), response.body());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 4_000, "answered at the 1 s Timeout, not when the function ended");
    }

    @Test
    void functionExceptionIsInternalErrorProblem() throws Exception {
        var response = send(request("/fail"));
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("https://promptcms.dev/problems/internal"), response.body());
    }

    @Test
    void functionGetsTemplateEnvironmentAndLambdaContext() throws Exception {
        send(request("/echo/1"));
        assertEquals("EventsTable", EchoFunction.env.get("EVENTS_TABLE"));
        assertEquals("on", EchoFunction.env.get("GLOBAL_FLAG"));
        assertEquals("us-east-1", EchoFunction.env.get("AWS_REGION"));
        assertEquals(runtime.dynamoDbEndpoint(), EchoFunction.env.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals(runtime.s3Endpoint(), EchoFunction.env.get("AWS_ENDPOINT_URL_S3"));
        assertEquals("EchoFunction", EchoFunction.lastContext.getFunctionName());
        int remaining = EchoFunction.lastContext.getRemainingTimeInMillis();
        assertTrue(remaining > 0 && remaining <= 5_000, "remaining " + remaining);
    }
}
