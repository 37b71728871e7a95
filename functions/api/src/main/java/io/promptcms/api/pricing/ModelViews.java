package io.promptcms.api.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.promptcms.pricing.CatalogSource;
import io.promptcms.pricing.ModelInfo;
import io.promptcms.pricing.ModelPrice;
import io.promptcms.pricing.OverrideStatus;
import io.promptcms.pricing.PriceCatalogFile;
import io.promptcms.tokens.TokenCounter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON answers of {@link ModelsFunction}. */
final class ModelViews {

    private ModelViews() {
    }

    record Catalog(String catalogVersion, String retrievedOn, List<CatalogSource> sources, List<String> conventions,
            OverrideStatus overrides, List<Model> models) {
    }

    /** {@code price} is the entry in effect now, null (not absent) when there is none yet. */
    record Model(String id, String provider, String displayName, List<String> aliases, long contextWindow, long maxOutputTokens,
            Map<String, String> tokenizer, boolean runnable, @JsonInclude(JsonInclude.Include.ALWAYS) ModelPrice price, List<ModelPrice> priceHistory, String notes) {
    }

    record TokenCountAnswer(String model, long tokens, boolean estimate, String method, int characters) {
    }

    static Catalog catalog(PriceCatalogFile file, OverrideStatus overrides, List<ModelInfo> models, Instant now) {
        return new Catalog(file.catalogVersion(), file.retrievedOn(), file.sources(), file.conventions(), overrides,
                models.stream().map(model -> model(model, now)).toList());
    }

    private static Model model(ModelInfo model, Instant now) {
        Map<String, String> tokenizer = model.tokenizer().equals("estimate")
                ? Map.of("estimate", "o200k_base × " + TokenCounter.ESTIMATE_FACTOR)
                : Map.of("encoding", model.tokenizer());
        return new Model(model.id(), model.provider(), model.displayName(), model.aliases(), model.contextWindow(), model.maxOutputTokens(),
                tokenizer, model.runnable(), model.priceAt(now).orElse(null), model.prices(), model.notes());
    }
}
