package io.promptcms.local.gateway;

import io.promptcms.local.function.LenientJson;
import io.promptcms.local.function.LocalFunction;
import io.promptcms.local.template.AuthorizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Lambda authorizer with simple responses ({@code isAuthorized} + {@code context}), called on every request:
 * no result caching locally, so a revoked key fails at once. As on AWS, a request that lacks an identity-source
 * header is refused without calling the function.
 */
final class LocalAuthorizer {

    /** The authorizer's verdict; {@code context} goes to {@code requestContext.authorizer.lambda}. */
    record Decision(boolean authorized, Map<String, Object> context, String reason) {
    }

    private final AuthorizerSpec spec;
    private final LocalFunction function;

    LocalAuthorizer(AuthorizerSpec spec, LocalFunction function) {
        this.spec = spec;
        this.function = function;
    }

    Decision authorize(GatewayRequest request, RouteTable.Match match) {
        List<String> identity = new ArrayList<>();
        for (String header : spec.identityHeaders()) {
            Optional<String> value = request.header(header);
            if (value.isEmpty()) {
                return new Decision(false, Map.of(), "missing " + header + " header; send 'Authorization: Bearer <api key>'");
            }
            identity.add(value.get());
        }
        Object response = function.invoke(HttpEvents.authorizer(request, match, spec, identity));
        Map<String, Object> result = LenientJson.toMap(response);
        boolean authorized = Boolean.TRUE.equals(result.get("isAuthorized"));
        Map<String, Object> context = LenientJson.toMap(result.get("context"));
        return new Decision(authorized, context, authorized ? null : "the authorizer refused the request");
    }
}
