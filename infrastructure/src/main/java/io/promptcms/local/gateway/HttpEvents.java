package io.promptcms.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.common.QueryString;
import io.promptcms.local.template.AuthorizerSpec;
import io.promptcms.local.template.LocalValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds the payload-format-2.0 events API Gateway HTTP APIs send: the function's request event and the authorizer's event. */
public final class HttpEvents {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    static final String API_ID = "local";
    static final String STAGE = "$default";

    private HttpEvents() {
    }

    public static APIGatewayV2HTTPEvent request(GatewayRequest request, RouteTable.Match match, Map<String, Object> authorizerContext) {
        Instant now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.method())
                .withPath(request.rawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp(request.sourceIp())
                .withUserAgent(request.header("user-agent").orElse(""))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(LocalValues.ACCOUNT)
                .withApiId(API_ID)
                .withDomainName(request.header("host").orElse("localhost"))
                .withDomainPrefix(API_ID)
                .withStage(STAGE)
                .withRouteKey(match.routeKey())
                .withRequestId(UUID.randomUUID().toString())
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(http)
                .build();
        if (authorizerContext != null) {
            var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setLambda(new LinkedHashMap<>(authorizerContext));
            context.setAuthorizer(authorizer);
        }
        byte[] body = request.body();
        boolean text = isText(request.header("content-type").orElse(""));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.routeKey())
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery())
                .withCookies(cookies(request))
                .withHeaders(headers(request))
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(context)
                .build();
    }

    public static APIGatewayV2CustomAuthorizerEvent authorizer(GatewayRequest request, RouteTable.Match match, AuthorizerSpec spec,
                                                               List<String> identity) {
        Instant now = Instant.now();
        var context = new APIGatewayV2CustomAuthorizerEvent.RequestContext();
        context.setAccountId(LocalValues.ACCOUNT);
        context.setApiId(API_ID);
        context.setDomainName(request.header("host").orElse("localhost"));
        context.setDomainPrefix(API_ID);
        context.setStage(STAGE);
        context.setRouteKey(match.routeKey());
        context.setRequestId(UUID.randomUUID().toString());
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        context.setHttp(new APIGatewayV2CustomAuthorizerEvent.Http(request.method(), request.rawPath(), "HTTP/1.1", request.sourceIp(),
                request.header("user-agent").orElse("")));
        var event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteArn("arn:aws:execute-api:" + LocalValues.REGION + ":" + LocalValues.ACCOUNT + ":" + API_ID + "/" + STAGE + "/"
                + request.method() + request.rawPath());
        event.setIdentitySource(identity);
        event.setRouteKey(match.routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQuery());
        event.setCookies(cookies(request));
        event.setHeaders(headers(request));
        event.setQueryStringParameters(queryParameters(request.rawQuery()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        return event;
    }

    /** API Gateway joins repeated parameters with commas ({@code tag=a&tag=b} → {@code "a,b"}); null when there is no query. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        QueryString.parse(rawQuery).forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return parameters.isEmpty() ? null : parameters;
    }

    /** Headers lower-cased, repeated values comma-joined; cookies move to their own list as in payload 2.0. */
    private static Map<String, String> headers(GatewayRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    private static List<String> cookies(GatewayRequest request) {
        Optional<String> cookie = Optional.ofNullable(request.headers().get("cookie")).map(values -> String.join("; ", values));
        if (cookie.isEmpty()) {
            return null;
        }
        List<String> cookies = new ArrayList<>();
        for (String part : cookie.get().split(";")) {
            if (!part.isBlank()) {
                cookies.add(part.trim());
            }
        }
        return cookies;
    }

    /** Bodies of these types reach the function as text; anything else base64-encoded with isBase64Encoded=true. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript") || type.equals("application/x-ndjson") || type.equals("application/jsonl")
                || type.equals("application/x-yaml") || type.equals("application/yaml");
    }
}
