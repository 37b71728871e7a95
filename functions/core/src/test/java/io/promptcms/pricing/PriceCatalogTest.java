package io.promptcms.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static final String SHIPPED = """
            {"catalogVersion": "t1", "retrievedOn": "2026-01-01", "sources": [], "models": [
              {"id": "alpha-1", "provider": "openai", "displayName": "Alpha", "aliases": ["alpha-latest"],
               "patterns": ["^alpha-1-\\\\d{4}-\\\\d{2}-\\\\d{2}$"], "contextWindow": 1000, "maxOutputTokens": 100,
               "tokenizer": "o200k_base", "invoke": {"adapter": "openai", "modelId": "alpha-1"},
               "prices": [
                 {"effectiveFrom": "2026-02-01", "inputPerMTok": "1.5", "outputPerMTok": "6", "cachedInputPerMTok": "0.15", "source": "test"},
                 {"effectiveFrom": "2025-01-01", "inputPerMTok": "3", "outputPerMTok": "12", "source": "test"}]},
              {"id": "beta", "provider": "anthropic", "displayName": "Beta", "contextWindow": 1000, "maxOutputTokens": 100,
               "tokenizer": "estimate", "invoke": null,
               "prices": [{"effectiveFrom": "2025-06-01", "inputPerMTok": "0.8", "outputPerMTok": "4", "source": "test"}]}
            ]}""";

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicReference<String> overrideFile = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final PriceOverrides overrides = () -> {
        reads.incrementAndGet();
        return Optional.ofNullable(overrideFile.get()).map(text -> text.getBytes(StandardCharsets.UTF_8));
    };
    private final PriceCatalog catalog = new PriceCatalog(PriceCatalogFile.parse(SHIPPED.getBytes(StandardCharsets.UTF_8)), overrides, clock);

    @Test
    void findsByIdAliasAndDatedVariantIgnoringCase() {
        assertEquals("alpha-1", catalog.find("ALPHA-1").orElseThrow().id());
        assertEquals("alpha-1", catalog.find("Alpha-Latest").orElseThrow().id());
        assertEquals("alpha-1", catalog.find("alpha-1-2026-02-03").orElseThrow().id());
        assertTrue(catalog.find("alpha-1-preview").isEmpty(), "a pattern matches the whole id, not a prefix");
        assertFalse(catalog.knows("gamma"));
    }

    @Test
    void pricesAreSortedAndThePriceAtATimeIsTheLatestInEffect() {
        ModelInfo alpha = catalog.find("alpha-1").orElseThrow();
        assertEquals(List.of("2025-01-01", "2026-02-01"), alpha.prices().stream().map(ModelPrice::effectiveFrom).toList());
        assertEquals(new BigDecimal("3"), alpha.priceAt(Instant.parse("2026-01-31T23:59:59Z")).orElseThrow().inputPerMTok());
        assertEquals(new BigDecimal("1.5"), alpha.priceAt(Instant.parse("2026-02-01T00:00:00Z")).orElseThrow().inputPerMTok());
        assertTrue(alpha.priceAt(Instant.parse("2024-12-31T23:59:59Z")).isEmpty());
    }

    @Test
    void costIsExactAndUsesThePriceOfItsMoment() {
        assertEquals(new BigDecimal("0.0075"), catalog.cost("alpha-1", NOW, 1000, 1000).usd()); // 1000×1.5/1e6 + 1000×6/1e6
        assertEquals(new BigDecimal("0.015"), catalog.cost("alpha-1", Instant.parse("2025-07-01T00:00:00Z"), 1000, 1000).usd());
        assertEquals(new BigDecimal("3"), catalog.cost("alpha-1", Instant.parse("2025-07-01T00:00:00Z"), 1_000_000, 0).usd());
        assertEquals("3", catalog.cost("alpha-1", Instant.parse("2025-07-01T00:00:00Z"), 1_000_000, 0).usd().toString(), "no exponent form");
        assertEquals(BigDecimal.ZERO, catalog.cost("beta", NOW, 0, 0).usd(), "no tokens cost exactly 0, a known cost");
    }

    @Test
    void cachedInputTokensCostTheCacheReadPriceOrTheInputPriceWhereThereIsNone() {
        assertEquals(new BigDecimal("0.00165"), catalog.cost("alpha-1", NOW, 1000, 1000, 0).usd()); // 1000×1.5 + 1000×0.15
        assertEquals(new BigDecimal("0.0016"), catalog.cost("beta", NOW, 1000, 1000, 0).usd()); // no cache price: 2000×0.8
    }

    @Test
    void anUnknownModelOrAMomentBeforeTheFirstPriceIsUnknownNeverZero() {
        CostEstimate unknownModel = catalog.cost("gamma", NOW, 10, 10);
        assertFalse(unknownModel.isKnown());
        assertEquals("no price for model 'gamma' in the catalog", unknownModel.unknownReason());
        CostEstimate tooEarly = catalog.cost("beta", Instant.parse("2025-05-31T10:00:00Z"), 10, 10);
        assertNull(tooEarly.usd());
        assertTrue(tooEarly.unknownReason().contains("first price is from 2025-06-01"), tooEarly.unknownReason());
    }

    @Test
    void negativeTokenCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> catalog.cost("alpha-1", NOW, -1, 0));
    }

    @Test
    void withoutAnOverrideFileTheShippedCatalogApplies() {
        assertEquals("none", catalog.overrideStatus().status());
        assertEquals(2, catalog.models().size());
    }

    @Test
    void overridesAddModelsAndPricesAndReplaceAPriceOnTheSameDate() {
        overrideFile.set("""
                {"models": [
                  {"id": "alpha-1", "provider": "openai", "displayName": "Alpha", "contextWindow": 1000, "maxOutputTokens": 100,
                   "tokenizer": "o200k_base", "prices": [
                     {"effectiveFrom": "2026-02-01", "inputPerMTok": "1", "outputPerMTok": "5", "source": "operator"},
                     {"effectiveFrom": "2026-04-01", "inputPerMTok": "0.5", "outputPerMTok": "2", "source": "operator"}]},
                  {"id": "in-house-7b", "provider": "meta", "displayName": "In-house 7B", "contextWindow": 8000, "maxOutputTokens": 2000,
                   "tokenizer": "estimate", "prices": [{"effectiveFrom": "2026-01-01", "inputPerMTok": "0.1", "outputPerMTok": "0.1", "source": "operator"}]}
                ]}""");

        assertEquals("loaded", catalog.overrideStatus().status());
        assertEquals("2026-03-10T12:00:00.000Z", catalog.overrideStatus().loadedAt());
        ModelInfo alpha = catalog.find("alpha-latest").orElseThrow();
        assertEquals(List.of("2025-01-01", "2026-02-01", "2026-04-01"), alpha.prices().stream().map(ModelPrice::effectiveFrom).toList());
        assertEquals("operator", alpha.priceAt(NOW).orElseThrow().source(), "the override replaces the shipped price of the same date");
        assertEquals(List.of("alpha-latest"), alpha.aliases(), "the shipped model keeps its names");
        assertEquals(new BigDecimal("0.006"), catalog.cost("alpha-1", NOW, 1000, 1000).usd());
        assertEquals(new BigDecimal("0.0025"), catalog.cost("alpha-1", Instant.parse("2026-04-02T00:00:00Z"), 1000, 1000).usd());
        assertEquals(new BigDecimal("0.015"), catalog.cost("alpha-1", Instant.parse("2025-07-01T00:00:00Z"), 1000, 1000).usd(),
                "a cost at a past moment keeps that moment's price");
        assertTrue(catalog.knows("in-house-7b"));
    }

    @Test
    void overridesAreReadAtMostOncePerMinute() {
        catalog.models();
        catalog.models();
        assertEquals(1, reads.get());
        overrideFile.set("""
                {"models": [{"id": "gamma", "provider": "google", "displayName": "Gamma", "contextWindow": 10, "maxOutputTokens": 10,
                  "tokenizer": "estimate", "prices": [{"effectiveFrom": "2026-01-01", "inputPerMTok": "1", "outputPerMTok": "1", "source": "op"}]}]}""");
        clock.advance(Duration.ofSeconds(59));
        assertFalse(catalog.knows("gamma"), "still the cached catalog");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(catalog.knows("gamma"));
        assertEquals(2, reads.get());
    }

    @Test
    void anInvalidOverrideFileIsReportedAndTheLastGoodOneStays() {
        overrideFile.set("""
                {"models": [{"id": "gamma", "provider": "google", "displayName": "Gamma", "contextWindow": 10, "maxOutputTokens": 10,
                  "tokenizer": "estimate", "prices": [{"effectiveFrom": "2026-01-01", "inputPerMTok": "1", "outputPerMTok": "1", "source": "op"}]}]}""");
        assertTrue(catalog.knows("gamma"));
        String loadedAt = catalog.overrideStatus().loadedAt();

        overrideFile.set("""
                {"models": [{"id": "delta", "provider": "google", "displayName": "Delta", "contextWindow": 10, "maxOutputTokens": 10,
                  "tokenizer": "estimate", "prices": [{"effectiveFrom": "2026-01-01", "inputPerMTok": "-1", "outputPerMTok": "1", "source": "op"}]}]}""");
        clock.advance(PriceCatalog.REFRESH);

        OverrideStatus status = catalog.overrideStatus();
        assertEquals("invalid", status.status());
        assertTrue(status.error().contains("inputPerMTok must be a number ≥ 0"), status.error());
        assertEquals(loadedAt, status.loadedAt(), "loadedAt still says when the overrides in force were loaded");
        assertTrue(catalog.knows("gamma"), "the last good overrides stay in force");
        assertFalse(catalog.knows("delta"));
    }

    @Test
    void anOverrideAliasThatNamesAnotherModelIsInvalid() {
        overrideFile.set("""
                {"models": [{"id": "gamma", "provider": "google", "displayName": "Gamma", "aliases": ["BETA"], "contextWindow": 10,
                  "maxOutputTokens": 10, "tokenizer": "estimate", "prices": []}]}""");
        assertEquals("invalid", catalog.overrideStatus().status());
        assertTrue(catalog.overrideStatus().error().contains("declared twice"), catalog.overrideStatus().error());
    }

    @Test
    void anUnreadableOverrideFileIsReportedAsUnavailable() {
        PriceCatalog failing = new PriceCatalog(PriceCatalogFile.parse(SHIPPED.getBytes(StandardCharsets.UTF_8)), () -> {
            throw new IllegalStateException("S3 is down");
        }, clock);
        assertEquals("unavailable", failing.overrideStatus().status());
        assertTrue(failing.knows("alpha-1"));
    }

    @Test
    void malformedFilesAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> PriceCatalogFile.parse("{\"models\": [{\"id\": 1}]}".getBytes(StandardCharsets.UTF_8)));
        IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class, () -> PriceCatalogFile.parse("""
                {"models": [{"id": "x", "provider": "openai", "displayName": "X", "contextWindow": 10, "maxOutputTokens": 10,
                  "tokenizer": "o200k_base", "prices": [{"effectiveFrom": "March", "inputPerMTok": "1", "outputPerMTok": "1", "source": "s"}]}]}"""
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(badDate.getMessage().contains("yyyy-MM-dd"), badDate.getMessage());
        IllegalArgumentException badPattern = assertThrows(IllegalArgumentException.class, () -> PriceCatalogFile.parse("""
                {"models": [{"id": "x", "provider": "openai", "displayName": "X", "patterns": ["(unclosed"], "contextWindow": 10,
                  "maxOutputTokens": 10, "tokenizer": "o200k_base", "prices": []}]}""".getBytes(StandardCharsets.UTF_8)));
        assertTrue(badPattern.getMessage().contains("invalid pattern"), badPattern.getMessage());
    }
}
