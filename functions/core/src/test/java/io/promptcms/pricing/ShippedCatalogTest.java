package io.promptcms.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog shipped in the jar: valid, sourced, covering the providers the product promises, resolving real model ids. */
class ShippedCatalogTest {

    private final PriceCatalog catalog = PriceCatalog.shipped(PriceOverrides.NONE, Clock.systemUTC());
    private final Instant now = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void everyModelHasASourcedPriceToday() {
        PriceCatalogFile file = catalog.shippedFile();
        assertFalse(file.sources().isEmpty());
        for (ModelInfo model : catalog.models()) {
            assertTrue(model.priceAt(now).isPresent(), model.id() + " has no price today");
            model.prices().forEach(price -> assertFalse(price.source().isBlank(), model.id()));
        }
    }

    @Test
    void usageIsCountedUnderTheCatalogsIdAndAnUnknownModelKeepsItsName() {
        assertEquals("gpt-4o", catalog.canonicalId("GPT-4o-2024-08-06"));
        assertEquals("my-fine-tune:v3", catalog.canonicalId("my-fine-tune:v3"));
    }

    @Test
    void coversTheProvidersThatThePricingPromises() {
        Set<String> providers = catalog.models().stream().map(ModelInfo::provider).collect(Collectors.toSet());
        assertTrue(providers.containsAll(Set.of("openai", "anthropic", "bedrock", "amazon", "meta", "mistral", "google")), providers.toString());
    }

    @Test
    void realModelIdsResolveToTheirEntries() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("gpt-4o-2024-08-06", "gpt-4o"),
                Map.entry("gpt-5-mini-2025-08-07", "gpt-5-mini"),
                Map.entry("o4-mini-2025-04-16", "o4-mini"),
                Map.entry("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"),
                Map.entry("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
                Map.entry("claude-sonnet-4-0", "claude-sonnet-4"),
                Map.entry("anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock/anthropic.claude-3-5-haiku"),
                Map.entry("us.anthropic.claude-3-5-haiku-20241022-v1:0", "bedrock/anthropic.claude-3-5-haiku"),
                Map.entry("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock/anthropic.claude-sonnet-4-5"),
                Map.entry("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock/geo.anthropic.claude-sonnet-4-5"),
                Map.entry("apac.anthropic.claude-sonnet-4-20250514-v1:0", "bedrock/anthropic.claude-sonnet-4"),
                Map.entry("us.amazon.nova-pro-v1:0", "bedrock/amazon.nova-pro"),
                Map.entry("us.meta.llama4-maverick-17b-instruct-v1:0", "bedrock/meta.llama4-maverick-17b-instruct"),
                Map.entry("mistral.mistral-large-2407-v1:0", "bedrock/mistral.mistral-large-2407"),
                Map.entry("mistral-large-latest", "mistral-large-2512"),
                Map.entry("GEMINI-2.5-PRO", "gemini-2.5-pro"));
        expected.forEach((model, id) -> assertEquals(id, catalog.find(model).map(ModelInfo::id).orElse("(none)"), model));
    }

    @Test
    void aRegionalProfilePremiumIsPricedAsSuch() {
        assertEquals("0.018", catalog.cost("anthropic.claude-sonnet-4-5-20250929-v1:0", now, 1000, 1000).usd().toPlainString());
        assertEquals("0.0198", catalog.cost("us.anthropic.claude-sonnet-4-5-20250929-v1:0", now, 1000, 1000).usd().toPlainString());
    }

    @Test
    void runnableModelsNameTheirAdapter() {
        catalog.models().stream().filter(ModelInfo::runnable).forEach(model ->
                assertTrue(Set.of("bedrock", "openai").contains(model.invoke().adapter()), model.id()));
        assertEquals("bedrock", catalog.find("bedrock/amazon.nova-lite").orElseThrow().invoke().adapter());
    }
}
