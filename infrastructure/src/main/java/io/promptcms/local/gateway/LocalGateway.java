package io.promptcms.local.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.Problems;
import io.promptcms.common.ProblemType;
import io.promptcms.local.function.FunctionTimeoutException;
import io.promptcms.local.function.Functions;
import io.promptcms.local.template.AuthorizerSpec;
import io.promptcms.local.template.EventSource.HttpRoute;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The local API Gateway HTTP API: routes from the template's {@code HttpApi} events, the API's Lambda authorizer
 * on every request, payload-2.0 events to the functions in-process, and the gateway's own limits (6 MB request
 * body → 413, the function's Timeout → 504, a function failure → 500), all as problem+json.
 * <p>
 * One local-only endpoint: {@code POST /_local/schedules/<FunctionLogicalId>} runs that function's schedule now.
 */
public final class LocalGateway implements AutoCloseable {

    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final long MALFORMED_LENGTH = -2;
    public static final String SCHEDULE_TRIGGER_PREFIX = "/_local/schedules/";
    private static final System.Logger LOG = System.getLogger(LocalGateway.class.getName());

    private final RouteTable routes;
    private final Map<String, Optional<LocalAuthorizer>> authorizers = new HashMap<>();
    private final Functions functions;
    private final Predicate<String> scheduleTrigger;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("gateway-", 0).daemon().factory());

    /**
     * @param scheduleTrigger runs a function's schedule now; false when the function has none
     */
    public LocalGateway(Template template, Functions functions, Predicate<String> scheduleTrigger, int port) throws IOException {
        this.functions = functions;
        this.scheduleTrigger = scheduleTrigger;
        List<RouteTable.Entry> entries = new ArrayList<>();
        for (FunctionSpec function : template.functions()) {
            for (HttpRoute route : function.events(HttpRoute.class)) {
                entries.add(new RouteTable.Entry(route, function.logicalId(), route.apiId()));
                authorizers.computeIfAbsent(authorizerKey(route), key -> authorizer(template, route));
            }
        }
        this.routes = new RouteTable(entries);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private Optional<LocalAuthorizer> authorizer(Template template, HttpRoute route) {
        if (route.apiId() == null || "NONE".equals(route.authorizer())) {
            return Optional.empty();
        }
        Optional<AuthorizerSpec> spec = route.authorizer() == null
                ? template.defaultAuthorizer(route.apiId())
                : template.authorizer(route.apiId(), route.authorizer());
        return spec.map(s -> new LocalAuthorizer(s, functions.require(s.function())));
    }

    private static String authorizerKey(HttpRoute route) {
        return route.apiId() + "/" + route.authorizer();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            GatewayResponse response;
            long declaredLength = declaredLength(exchange);
            byte[] body = declaredLength > MAX_BODY_BYTES ? null : readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
            if (declaredLength == MALFORMED_LENGTH) {
                response = GatewayResponse.of(Problems.of(ProblemType.BAD_REQUEST, "the Content-Length header is not a number", null));
            } else if (body == null) {
                drain(exchange.getRequestBody());
                response = GatewayResponse.of(Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "the request body exceeds the 6 MB limit of a synchronous invocation", null));
            } else {
                GatewayRequest request = new GatewayRequest(exchange.getRequestMethod(), rawPath, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress());
                response = rawPath.startsWith(SCHEDULE_TRIGGER_PREFIX) ? GatewayResponse.of(triggerSchedule(request)) : route(request);
            }
            write(exchange, response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "local gateway failure", e);
        }
    }

    private GatewayResponse route(GatewayRequest request) {
        Optional<RouteTable.Match> selected = routes.match(request.method(), request.rawPath());
        if (selected.isEmpty()) {
            return GatewayResponse.of(Problems.of(ProblemType.NOT_FOUND, "no route " + request.method() + " " + request.rawPath(), null));
        }
        RouteTable.Match match = selected.get();
        try {
            Map<String, Object> authorizerContext = null;
            Optional<LocalAuthorizer> authorizer = authorizers.get(authorizerKey(match.entry().route()));
            if (authorizer.isPresent()) {
                LocalAuthorizer.Decision decision = authorizer.get().authorize(request, match);
                if (!decision.authorized()) {
                    return GatewayResponse.of(Problems.of(ProblemType.UNAUTHORIZED, decision.reason(), null)
                            .withHeader("www-authenticate", "Bearer"));
                }
                authorizerContext = decision.context();
            }
            Object result = functions.require(match.entry().function()).invoke(HttpEvents.request(request, match, authorizerContext));
            return GatewayResponse.fromFunction(result);
        } catch (FunctionTimeoutException e) {
            return GatewayResponse.of(Problems.of(ProblemType.GATEWAY_TIMEOUT, e.getMessage(), null));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "function failed on " + match.routeKey(), e);
            return GatewayResponse.of(Problems.of(ProblemType.INTERNAL, "the function failed: " + e, null));
        }
    }

    private ApiResponse triggerSchedule(GatewayRequest request) {
        String function = request.rawPath().substring(SCHEDULE_TRIGGER_PREFIX.length());
        if (!request.method().equals("POST")) {
            return Problems.of(ProblemType.METHOD_NOT_ALLOWED, "use POST to run a schedule", null);
        }
        try {
            return scheduleTrigger.test(function)
                    ? ApiResponse.ok(Map.of("function", function, "delivered", true))
                    : Problems.of(ProblemType.NOT_FOUND, "no scheduled function " + function, null);
        } catch (RuntimeException e) {
            return Problems.of(ProblemType.INTERNAL, function + " failed: " + e, null);
        }
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
        byte[] bytes = response.body();
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The declared Content-Length, -1 when there is none, {@link #MALFORMED_LENGTH} when it is not a number. */
    private static long declaredLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("content-length");
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return MALFORMED_LENGTH;
        }
    }

    /** The body, or null when it is longer than {@code limit} (chunked uploads have no Content-Length to check first). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    /**
     * Reads and discards what the client is still sending (up to a bound), so it gets to read the 413 instead of a
     * connection reset in the middle of its upload.
     */
    private static void drain(InputStream in) throws IOException {
        long remaining = DRAIN_LIMIT_BYTES;
        byte[] buffer = new byte[64 * 1024];
        int read;
        while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
            remaining -= read;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
