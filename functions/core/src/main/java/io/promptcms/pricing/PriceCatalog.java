package io.promptcms.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model price catalog: the file shipped in the jar merged with the operator's overrides, which are re-read at
 * most once per {@link #REFRESH} per container. An override model with a new id is added; one with a known id adds
 * its prices to that model (a price on the same date replaces the shipped one). An override file that cannot be read
 * or is invalid is logged and ignored: the last good merge stays in force and {@link #overrideStatus()} says why.
 * Costs are by the price in effect at the moment given, so recording a cost once, when the call happens, keeps it
 * true after a later price change.
 */
public final class PriceCatalog implements Pricing {

    public static final Duration REFRESH = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(PriceCatalog.class.getName());

    private final PriceCatalogFile shipped;
    private final PriceOverrides overrides;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public PriceCatalog(PriceCatalogFile shipped, PriceOverrides overrides, Clock clock) {
        this.shipped = shipped;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** The catalog shipped with this build, with the given overrides. */
    public static PriceCatalog shipped(PriceOverrides overrides, Clock clock) {
        return new PriceCatalog(PriceCatalogFile.shipped(), overrides, clock);
    }

    public PriceCatalogFile shippedFile() {
        return shipped;
    }

    public OverrideStatus overrideStatus() {
        return current().status();
    }

    public List<ModelInfo> models() {
        return current().index().models();
    }

    /** The models {@code query} selects, in catalog order. */
    public List<ModelInfo> models(ModelQuery query) {
        return models().stream().filter(query::matches).toList();
    }

    /** The model named {@code model}, case-insensitively: by canonical id, then alias, then id pattern (in catalog order). */
    public Optional<ModelInfo> find(String model) {
        return model == null ? Optional.empty() : current().index().find(model.strip());
    }

    @Override
    public boolean knows(String model) {
        return find(model).isPresent();
    }

    @Override
    public String canonicalId(String model) {
        return find(model).map(ModelInfo::id).orElse(model);
    }

    @Override
    public CostEstimate cost(String model, Instant at, long inputTokens, long outputTokens) {
        return cost(model, at, inputTokens, 0, outputTokens);
    }

    /**
     * The cost with {@code cachedInputTokens} read from the provider's prompt cache, billed at the cache-read price
     * (at the full input price where the model has none); {@code inputTokens} are the uncached ones.
     */
    public CostEstimate cost(String model, Instant at, long inputTokens, long cachedInputTokens, long outputTokens) {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be ≥ 0");
        }
        Optional<ModelInfo> info = find(model);
        if (info.isEmpty()) {
            return CostEstimate.unknown("no price for model '" + model + "' in the catalog");
        }
        Optional<ModelPrice> price = info.get().priceAt(at);
        if (price.isEmpty()) {
            return CostEstimate.unknown("no price for model '" + info.get().id() + "' on " + at
                    + (info.get().prices().isEmpty() ? "" : "; its first price is from " + info.get().prices().get(0).effectiveFrom()));
        }
        ModelPrice p = price.get();
        BigDecimal cachedRate = p.cachedInputPerMTok() == null ? p.inputPerMTok() : p.cachedInputPerMTok();
        BigDecimal usd = perMillion(inputTokens, p.inputPerMTok())
                .add(perMillion(cachedInputTokens, cachedRate))
                .add(perMillion(outputTokens, p.outputPerMTok()));
        return CostEstimate.known(plain(usd));
    }

    private static BigDecimal perMillion(long tokens, BigDecimal ratePerMillion) {
        return BigDecimal.valueOf(tokens).multiply(ratePerMillion).movePointLeft(6);
    }

    /** Exact, without trailing zeros, never in exponent form (100, not 1E+2). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen != null && now.isBefore(seen.checkedAt().plus(REFRESH))) {
            return seen;
        }
        synchronized (this) {
            if (snapshot == seen) {
                snapshot = refresh(seen, now);
            }
            return snapshot;
        }
    }

    private Snapshot refresh(Snapshot previous, Instant now) {
        Optional<byte[]> content;
        try {
            content = overrides.read();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "price overrides cannot be read; keeping the last good catalog", e);
            return keep(previous, now, "unavailable", "the override file cannot be read: " + e.getMessage());
        }
        if (content.isEmpty()) {
            return new Snapshot(Index.of(shipped.models()), OverrideStatus.none(), now);
        }
        try {
            PriceCatalogFile file = PriceCatalogFile.parse(content.get());
            return new Snapshot(Index.of(merge(shipped.models(), file.models())), OverrideStatus.loaded(now), now);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "price overrides are invalid and ignored: " + e.getMessage());
            return keep(previous, now, "invalid", e.getMessage());
        }
    }

    private Snapshot keep(Snapshot previous, Instant now, String status, String error) {
        Index index = previous == null ? Index.of(shipped.models()) : previous.index();
        OverrideStatus base = previous == null ? OverrideStatus.none() : previous.status();
        return new Snapshot(index, base.failed(status, error), now);
    }

    static List<ModelInfo> merge(List<ModelInfo> base, List<ModelInfo> additions) {
        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        base.forEach(model -> byId.put(key(model.id()), model));
        for (ModelInfo addition : additions) {
            byId.merge(key(addition.id()), addition, (existing, added) -> existing.withPrices(added.prices()));
        }
        List<ModelInfo> merged = List.copyOf(byId.values());
        PriceCatalogFile.requireValid(merged); // e.g. an override alias that names another model
        return merged;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private record Snapshot(Index index, OverrideStatus status, Instant checkedAt) {
    }

    /** Lookups by lower-cased id and alias, then the compiled patterns in catalog order. */
    private record Index(List<ModelInfo> models, Map<String, ModelInfo> byName, List<Map.Entry<Pattern, ModelInfo>> patterns) {

        static Index of(List<ModelInfo> models) {
            Map<String, ModelInfo> ids = new LinkedHashMap<>();
            Map<String, ModelInfo> aliases = new LinkedHashMap<>();
            List<Map.Entry<Pattern, ModelInfo>> patterns = new ArrayList<>();
            for (ModelInfo model : models) {
                ids.put(key(model.id()), model);
                model.aliases().forEach(alias -> aliases.put(key(alias), model));
                model.patterns().forEach(pattern -> patterns.add(Map.entry(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE), model)));
            }
            aliases.forEach(ids::putIfAbsent); // an id wins over another model's alias
            return new Index(List.copyOf(models), Map.copyOf(ids), List.copyOf(patterns));
        }

        Optional<ModelInfo> find(String model) {
            ModelInfo named = byName.get(key(model));
            if (named != null) {
                return Optional.of(named);
            }
            return patterns.stream().filter(entry -> entry.getKey().matcher(model).matches()).map(Map.Entry::getValue).findFirst();
        }
    }
}
