package io.promptcms.api.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.api.http.Route;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.FieldError;
import io.promptcms.common.Lazy;
import io.promptcms.pricing.ModelInfo;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.S3PriceOverrides;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.tokens.TokenCount;
import io.promptcms.tokens.TokenCounter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The price catalog ({@code GET /models}, with the state of the operator's overrides) and token counting
 * ({@code POST /tokens/count}). The S3 client that reads the overrides is built on first use, not at cold start.
 */
public final class ModelsFunction extends HttpApiFunction {

    public static final String LIST = "GET /api/v1/models";
    public static final String COUNT_TOKENS = "POST /api/v1/tokens/count";
    public static final List<String> ROUTE_KEYS = List.of(LIST, COUNT_TOKENS);

    public static final int MAX_TEXT_CHARS = 1_000_000;
    private static final String SEE_MODELS = "GET /api/v1/models lists the models";

    public ModelsFunction() {
        this(Env.system());
    }

    public ModelsFunction(Env env) {
        this(env, new AwsClients(env));
    }

    private ModelsFunction(Env env, AwsClients aws) {
        this(PriceCatalog.shipped(new S3PriceOverrides(Lazy.of(aws::s3), env.require("BUCKET_NAME")), Clock.systemUTC()),
                RateLimits.fromEnvironment(env, aws.dynamoDb()));
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
        Optional<String> provider = request.query("provider").map(value -> value.toLowerCase(Locale.ROOT));
        boolean runnableOnly = request.flag("runnable");
        List<ModelInfo> models = catalog.models().stream()
                .filter(model -> provider.isEmpty() || model.provider().equals(provider.get()))
                .filter(model -> !runnableOnly || model.runnable())
                .toList();
        return ModelViews.catalog(catalog.shippedFile(), catalog.overrideStatus(), models, Clock.systemUTC().instant());
    }

    private static ModelViews.TokenCountAnswer count(PriceCatalog catalog, TokenCounter counter, ApiRequest request) {
        TokenCountRequest body = request.jsonBody(TokenCountRequest.class);
        List<FieldError> errors = new ArrayList<>();
        Optional<ModelInfo> model = model(catalog, body.model(), errors);
        String text = text(body.text(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        TokenCount count = counter.count(model.orElseThrow(), text);
        return new ModelViews.TokenCountAnswer(model.get().id(), count.tokens(), count.estimate(), count.method(),
                text.codePointCount(0, text.length()));
    }

    private static Optional<ModelInfo> model(PriceCatalog catalog, JsonNode model, List<FieldError> errors) {
        if (model == null || model.isNull() || !model.isTextual() || model.asText().isBlank()) {
            errors.add(new FieldError("model", "is required: a model id, alias or dated variant; " + SEE_MODELS));
            return Optional.empty();
        }
        Optional<ModelInfo> found = catalog.find(model.asText());
        if (found.isEmpty()) {
            errors.add(new FieldError("model", "unknown model '" + model.asText() + "'; " + SEE_MODELS));
        }
        return found;
    }

    private static String text(JsonNode text, List<FieldError> errors) {
        if (text == null || text.isNull()) {
            errors.add(new FieldError("text", "is required"));
            return null;
        }
        if (!text.isTextual()) {
            errors.add(new FieldError("text", "must be a string"));
            return null;
        }
        if (text.asText().length() > MAX_TEXT_CHARS) {
            errors.add(new FieldError("text", "is " + text.asText().length() + " characters; the limit is " + MAX_TEXT_CHARS));
            return null;
        }
        return text.asText();
    }

    /** Both fields are read as JSON values so that a number or an object is refused by name instead of coerced to text. */
    public record TokenCountRequest(JsonNode text, JsonNode model) {
    }
}
