package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.testing.SharedRuntime;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.S3PriceOverrides;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An operator's price file in S3 (S3Mock here), read by the catalog as the functions read it: prices change
 * without a deploy, from their effective date, and a broken file is reported and not applied (that the last good
 * file stays in force in a running container is {@code PriceCatalogTest}'s). A bucket of
 * its own, so the running functions' catalog is not touched.
 */
class PriceOverridesTest {

    private static final String OVERRIDES = """
            {"catalogVersion":"ops-1","retrievedOn":"2026-11-26","sources":[{"name":"our contract","url":"https://example.com/contract","retrievedOn":"2026-11-26"}],
             "models":[
              {"id":"acme-chat-1","provider":"openai","displayName":"Acme Chat 1","aliases":["acme"],"patterns":[],"contextWindow":32000,
               "maxOutputTokens":4000,"tokenizer":"cl100k_base","invoke":null,
               "prices":[{"effectiveFrom":"2026-01-01","inputPerMTok":"1","outputPerMTok":"2","source":"our contract"}]},
              {"id":"gpt-4o","provider":"openai","displayName":"GPT-4o","aliases":[],"patterns":[],"contextWindow":128000,
               "maxOutputTokens":16384,"tokenizer":"o200k_base","invoke":{"adapter":"openai","modelId":"gpt-4o"},
               "prices":[{"effectiveFrom":"2026-12-01","inputPerMTok":"2","outputPerMTok":"8","source":"negotiated discount"}]}
             ]}""";

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void bucket() {
        var runtime = SharedRuntime.get();
        s3 = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_S3, runtime.s3Endpoint()))).s3();
        bucket = "price-overrides-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void anOperatorsFileAddsModelsAndFuturePricesWithoutTouchingPastCosts() {
        PriceCatalog catalog = catalog();
        assertEquals("none", catalog.overrideStatus().status(), "no file yet");
        assertFalse(catalog.knows("acme"));
        BigDecimal before = catalog.cost("gpt-4o", Instant.parse("2026-11-20T00:00:00Z"), 1_000_000, 1_000_000).usd();

        put(OVERRIDES);
        catalog = catalog(); // a container started after the upload (a running one reads the file again within a minute)
        Instant now = Instant.parse("2026-11-26T12:00:00Z");

        assertTrue(catalog.knows("acme"));
        assertEquals(0, new BigDecimal("3").compareTo(catalog.cost("acme", now, 1_000_000, 1_000_000).usd()));
        assertEquals(0, before.compareTo(catalog.cost("gpt-4o", Instant.parse("2026-11-20T00:00:00Z"), 1_000_000, 1_000_000).usd()),
                "a cost of the past keeps the price of its moment");
        assertEquals(0, new BigDecimal("10").compareTo(catalog.cost("gpt-4o", Instant.parse("2026-12-02T00:00:00Z"), 1_000_000, 1_000_000).usd()),
                "from its effective date the new price applies");
        assertEquals("loaded", catalog.overrideStatus().status());

        put("{ not json");
        PriceCatalog broken = catalog();

        assertEquals("invalid", broken.overrideStatus().status(), "a broken file is reported, not applied");
        assertTrue(broken.knows("gpt-4o"), "the shipped prices stay in force");
    }

    private static PriceCatalog catalog() {
        return PriceCatalog.shipped(new S3PriceOverrides(() -> s3, bucket), Clock.systemUTC());
    }

    private static void put(String json) {
        s3.putObject(b -> b.bucket(bucket).key(S3PriceOverrides.KEY).contentType("application/json"), RequestBody.fromString(json));
    }
}
