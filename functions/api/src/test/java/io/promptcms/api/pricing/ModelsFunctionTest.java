package io.promptcms.api.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptcms.api.auth.AuthorizerFunction;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.testing.ApiCall;
import io.promptcms.api.testing.Gateway;
import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.apikey.ApiKeyService;
import io.promptcms.apikey.CreatedApiKey;
import io.promptcms.common.EnvNames;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.PriceCatalogFile;
import io.promptcms.pricing.PriceOverrides;
import io.promptcms.ratelimit.DynamoRateLimiter;
import io.promptcms.tokens.TokenCountInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelsFunctionTest {

    private static LocalDynamoServer dynamo;
    private static Gateway gateway;
    private static ModelsFunction function;
    private static CreatedApiKey alice;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        gateway = new Gateway(new AuthorizerFunction(dynamo.env(Map.of(EnvNames.API_KEYS_TABLE, LocalDynamoServer.API_KEYS))));
        function = withOverrides(PriceOverrides.NONE);
        alice = new ApiKeyService(dynamo.client(), LocalDynamoServer.API_KEYS, Clock.systemUTC()).createUserWithKey("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void theCatalogListsEveryModelWithItsCurrentPriceAndHistory() {
        ApiResponse response = call(function, models());
        assertEquals(200, response.status());
        JsonNode body = Gateway.body(response);
        assertFalse(body.get("catalogVersion").asText().isBlank());
        assertEquals("none", body.get("overrides").get("status").asText());
        assertTrue(body.get("sources").get(0).get("url").asText().contains("litellm"));
        JsonNode gpt4o = model(body, "gpt-4o");
        assertEquals("openai", gpt4o.get("provider").asText());
        assertEquals("o200k_base", gpt4o.get("tokenizer").get("encoding").asText());
        assertTrue(gpt4o.get("runnable").asBoolean());
        assertEquals("2.5", gpt4o.get("price").get("inputPerMTok").asText());
        assertEquals(1, gpt4o.get("priceHistory").size());
        JsonNode claude = model(body, "claude-sonnet-4-5");
        assertTrue(claude.get("tokenizer").has("estimate"));
        assertFalse(claude.get("runnable").asBoolean(), "no adapter runs Anthropic's own API yet");
    }

    @Test
    void theCatalogFiltersByProviderAndRunnable() {
        JsonNode bedrock = Gateway.body(call(function, models().query("provider", "Bedrock").query("runnable", "true")));
        assertTrue(bedrock.get("models").size() > 0);
        bedrock.get("models").forEach(model -> {
            assertEquals("bedrock", model.get("provider").asText());
            assertTrue(model.get("runnable").asBoolean());
        });
        assertEquals(400, call(function, models().query("runnable", "yes")).status());
    }

    @Test
    void anInvalidOverrideFileIsReportedWhileTheShippedCatalogServes() {
        ModelsFunction withBadOverrides = withOverrides(() -> Optional.of("{\"models\": [{\"id\": \"x\"}]}".getBytes(StandardCharsets.UTF_8)));
        JsonNode body = Gateway.body(call(withBadOverrides, models()));
        assertEquals("invalid", body.get("overrides").get("status").asText());
        assertFalse(body.get("overrides").get("error").asText().isBlank());
        assertTrue(body.get("models").size() > 40);
    }

    @Test
    void anUnreachableOverrideBucketLeavesTheShippedCatalogInForce() {
        Map<String, String> variables = new HashMap<>(Map.of(EnvNames.BUCKET_NAME, "promptcms-test"));
        variables.put(EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9");
        ModelsFunction fromEnvironment = new ModelsFunction(dynamo.env(variables));

        JsonNode body = Gateway.body(call(fromEnvironment, models()));

        assertEquals("unavailable", body.get("overrides").get("status").asText());
        assertTrue(body.get("models").size() > 40);
    }

    @Test
    void countingTokensAnswersTheCanonicalModelAndTheExactCount() {
        String text = "Translate to French: {{text}}\nKeep the tone friendly and the answer under 50 words.";
        ApiResponse response = call(function, count(Map.of("model", "GPT-4o-2024-08-06", "text", text)));
        assertEquals(200, response.status());
        JsonNode body = Gateway.body(response);
        assertEquals("gpt-4o", body.get("model").asText());
        assertEquals(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE).countTokens(text), body.get("tokens").asInt());
        assertFalse(body.get("estimate").asBoolean());
        assertEquals("o200k_base", body.get("method").asText());
        assertEquals(text.length(), body.get("characters").asInt());
    }

    @Test
    void countingForAModelWithoutAPublicTokenizerIsLabelledAnEstimate() {
        JsonNode body = Gateway.body(call(function, count(Map.of("model", "us.anthropic.claude-3-5-haiku-20241022-v1:0", "text", "Hello, world"))));
        assertEquals("bedrock/anthropic.claude-3-5-haiku", body.get("model").asText());
        assertTrue(body.get("estimate").asBoolean());
        assertTrue(body.get("method").asText().startsWith("estimate:"));
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertField(call(function, count(Map.of("model", "gpt-17", "text", "hi"))), "model", "GET /api/v1/models");
        assertField(call(function, count(Map.of("model", " ", "text", "hi"))), "model", "is required");
        assertField(call(function, count(Map.of("text", "hi"))), "model", "is required");
        assertField(call(function, count(Map.of("model", "gpt-4o"))), "text", "is required");
        assertField(call(function, count(Map.of("model", "gpt-4o", "text", 42))), "text", "must be a string");
        assertField(call(function, count(Map.of("model", "gpt-4o", "text", "x".repeat(TokenCountInput.MAX_TEXT_CHARS + 1)))),
                "text", "the limit is 1000000");
        ApiResponse both = call(function, count(Map.of("model", 7, "text", false)));
        assertEquals(2, Gateway.body(both).get("errors").size());
        assertEquals(400, call(function, count(Map.of("model", "gpt-4o", "text", "hi", "extra", 1))).status());
    }

    @Test
    void withoutAKeyTheCatalogIs401() {
        assertEquals(401, call(function, ApiCall.of(ModelsFunction.LIST, "/api/v1/models")).status());
    }

    private static void assertField(ApiResponse response, String field, String messagePart) {
        assertEquals(400, response.status(), response.body());
        JsonNode error = Gateway.body(response).get("errors").get(0);
        assertEquals(field, error.get("field").asText());
        assertTrue(error.get("message").asText().contains(messagePart), error.get("message").asText());
    }

    private static ModelsFunction withOverrides(PriceOverrides overrides) {
        return new ModelsFunction(new PriceCatalog(PriceCatalogFile.shipped(), overrides, Clock.systemUTC()),
                new DynamoRateLimiter(dynamo.client(), "RateLimitsTable", 1_000_000, Clock.systemUTC()));
    }

    private static ApiCall models() {
        return ApiCall.of(ModelsFunction.LIST, "/api/v1/models").bearer(alice.secret());
    }

    private static ApiCall count(Object body) {
        return ApiCall.of(ModelsFunction.COUNT_TOKENS, "/api/v1/tokens/count").bearer(alice.secret()).json(body);
    }

    private static ApiResponse call(ModelsFunction target, ApiCall call) {
        return gateway.call(target, call);
    }

    private static JsonNode model(JsonNode catalog, String id) {
        return StreamSupport.stream(catalog.get("models").spliterator(), false)
                .filter(model -> model.get("id").asText().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no model " + id));
    }
}
