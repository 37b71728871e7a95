package io.promptcms.api.pricing;

import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.pricing.ModelQuery;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.tokens.TokenCount;
import io.promptcms.tokens.TokenCountInput;
import io.promptcms.tokens.TokenCounter;
import java.time.Clock;
import java.util.List;

/**
 * The price catalog ({@code GET /models}, with the state of the operator's overrides) and token counting
 * ({@code POST /tokens/count}).
 */
public final class ModelsFunction extends HttpApiFunction {

    public static final String LIST = "GET /api/v1/models";
    public static final String COUNT_TOKENS = "POST /api/v1/tokens/count";
    public static final List<String> ROUTE_KEYS = List.of(LIST, COUNT_TOKENS);

    public ModelsFunction() {
        this(Env.system());
    }

    public ModelsFunction(Env env) {
        this(ModelsWiring.of(env));
    }

    private ModelsFunction(ModelsWiring wiring) {
        this(wiring.catalog(), wiring.rateLimiter());
    }

    public ModelsFunction(PriceCatalog catalog, RateLimiter rateLimiter) {
        this(catalog, new TokenCounter(catalog::find), rateLimiter);
    }

    private final SnapStartPriming priming;

    private ModelsFunction(PriceCatalog catalog, TokenCounter counter, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(LIST, Scope.PROMPTS_READ, request -> ApiResponse.ok(list(catalog, request))),
                Route.of(COUNT_TOKENS, Scope.PROMPTS_READ, request -> ApiResponse.ok(count(catalog, counter, request)))),
                IdempotencyGuard.NONE, rateLimiter);
        this.priming = SnapStartPriming.register(counter::warmUp);
    }

    private static ModelViews.Catalog list(PriceCatalog catalog, ApiRequest request) {
        var query = new ModelQuery(request.query("provider").orElse(null), request.flag("runnable"));
        return ModelViews.catalog(catalog.shippedFile(), catalog.overrideStatus(), catalog.models(query), Clock.systemUTC().instant());
    }

    private static ModelViews.TokenCountAnswer count(PriceCatalog catalog, TokenCounter counter, ApiRequest request) {
        TokenCountInput.TextToCount input = request.jsonBody(TokenCountInput.class).validate(catalog::find);
        TokenCount count = counter.count(input.model(), input.text());
        return new ModelViews.TokenCountAnswer(input.model().id(), count.tokens(), count.estimate(), count.method(), input.characters());
    }
}
