package io.promptcms.run.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The real Bedrock Runtime SDK client (signing, retries, REST-JSON error parsing) against a local server that
 * answers with the bodies and headers of the Converse API reference
 * (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): errors are identified by the
 * {@code x-amzn-ErrorType} header and carry {@code {"message": ...}}.
 */
class BedrockConverseProviderTest {

    private static final String MODEL_ID = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final CompletionRequest REQUEST =
            new CompletionRequest("claude-3-5-haiku", MODEL_ID, "What is the capital of France?", 256, 0.2);

    private static final String CONVERSE_OK = """
            {
              "output": {
                "message": {
                  "role": "assistant",
                  "content": [{"text": "The capital of France "}, {"text": "is Paris."}]
                }
              },
              "stopReason": "end_turn",
              "usage": {"inputTokens": 14, "outputTokens": 9, "totalTokens": 23},
              "metrics": {"latencyMs": 412}
            }
            """;
    private static final String THROTTLED = """
            {"message": "Too many requests, please wait before trying again."}
            """;

    private ScriptedServer server;
    private BedrockRuntimeClient client;
    private BedrockConverseProvider provider;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        var aws = new AwsClients(Env.of(Map.of(
                EnvNames.AWS_ENDPOINT_URL_BEDROCK_RUNTIME, server.uri().toString(),
                EnvNames.AWS_REGION, "us-east-1")));
        // The production strategy with the backoff taken out, so retries are counted, not waited for.
        var fastRetries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(4)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
        client = aws.bedrockRuntime(fastRetries, Duration.ofSeconds(5));
        provider = new BedrockConverseProvider(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void answerIsTheTextBlocksWithTheReportedUsage() {
        server.reply(200, CONVERSE_OK);

        Completion completion = provider.complete(REQUEST);

        assertEquals("The capital of France is Paris.", completion.output());
        assertEquals(14, completion.inputTokens());
        assertEquals(9, completion.outputTokens());
        assertTrue(completion.usageReported());
        assertEquals("end_turn", completion.stopReason());
        assertEquals("bedrock", completion.provider());
        assertFalse(completion.offline());
    }

    @Test
    void sendsOneSignedUserMessageToTheConversePathOfTheEncodedModelId() throws Exception {
        server.reply(200, CONVERSE_OK);

        provider.complete(REQUEST);

        var sent = server.last();
        assertEquals("POST", sent.method());
        assertEquals("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse", sent.rawPath());
        assertTrue(sent.header("Authorization").startsWith("AWS4-HMAC-SHA256 "), sent.header("Authorization"));
        JsonNode body = Json.MAPPER.readTree(sent.body());
        assertEquals(1, body.path("messages").size());
        assertEquals("user", body.path("messages").path(0).path("role").asText());
        assertEquals("What is the capital of France?", body.path("messages").path(0).path("content").path(0).path("text").asText());
        assertEquals(256, body.path("inferenceConfig").path("maxTokens").asInt());
        assertEquals(0.2, body.path("inferenceConfig").path("temperature").asDouble(), 1e-6);
    }

    @Test
    void temperatureIsLeftToTheModelWhenNotGiven() throws Exception {
        server.reply(200, CONVERSE_OK);

        provider.complete(new CompletionRequest("claude-3-5-haiku", MODEL_ID, "hi", 64, null));

        JsonNode inference = Json.MAPPER.readTree(server.last().body()).path("inferenceConfig");
        assertTrue(inference.path("temperature").isMissingNode());
        assertEquals(64, inference.path("maxTokens").asInt());
    }

    @Test
    void throttlingIsRetriedUntilItPasses() {
        server.reply(429, THROTTLED, Map.of("Content-Type", "application/json",
                        "x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"))
                .reply(429, THROTTLED, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ThrottlingException"))
                .reply(200, CONVERSE_OK);

        Completion completion = provider.complete(REQUEST);

        assertEquals("The capital of France is Paris.", completion.output());
        assertEquals(3, server.received().size());
    }

    @Test
    void throttlingThatOutlastsTheAttemptsIsAThrottledProviderError() {
        for (int i = 0; i < 4; i++) {
            server.reply(429, THROTTLED, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ThrottlingException"));
        }

        var error = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));

        assertEquals(4, server.received().size());
        assertTrue(error.throttled());
        assertEquals(429, error.status());
        assertEquals("ThrottlingException", error.code());
        assertEquals("Too many requests, please wait before trying again.", error.providerMessage());
        assertEquals("bedrock", error.provider());
    }

    @Test
    void unavailableServiceIsRetried() {
        server.reply(503, """
                        {"message": "Bedrock is unable to process your request."}
                        """, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ServiceUnavailableException"))
                .reply(200, CONVERSE_OK);

        assertEquals("The capital of France is Paris.", provider.complete(REQUEST).output());
        assertEquals(2, server.received().size());
    }

    @Test
    void modelNotReadyIsRetriedLikeThrottling() {
        server.reply(429, """
                        {"message": "Model is not ready for inference. Wait and try your request again."}
                        """, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ModelNotReadyException"))
                .reply(200, CONVERSE_OK);

        assertEquals("The capital of France is Paris.", provider.complete(REQUEST).output());
        assertEquals(2, server.received().size());
    }

    @Test
    void validationErrorPassesTheMessageOnWithoutRetry() {
        server.reply(400, """
                {"message": "The provided model identifier is invalid."}
                """, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ValidationException"));

        var error = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals(400, error.status());
        assertEquals("ValidationException", error.code());
        assertEquals("The provided model identifier is invalid.", error.providerMessage());
        assertFalse(error.throttled());
    }

    @Test
    void accessDeniedPassesTheMessageOnWithoutRetry() {
        server.reply(403, """
                {"message": "You don't have access to the model with the specified model ID."}
                """, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "AccessDeniedException"));

        var error = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals(403, error.status());
        assertEquals("You don't have access to the model with the specified model ID.", error.providerMessage());
    }

    @Test
    void modelTimeoutIsNotRetried() {
        server.reply(408, """
                {"message": "Model has timed out in processing the request. Try your request again."}
                """, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ModelTimeoutException"));

        var error = assertThrows(ProviderException.class, () -> provider.complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals(408, error.status());
        assertEquals("ModelTimeoutException", error.code());
    }

    @Test
    void answerWithoutUsageSaysUsageWasNotReported() {
        server.reply(200, """
                {
                  "output": {"message": {"role": "assistant", "content": [{"text": "Paris."}]}},
                  "stopReason": "max_tokens",
                  "metrics": {"latencyMs": 120}
                }
                """);

        Completion completion = provider.complete(REQUEST);

        assertEquals("Paris.", completion.output());
        assertFalse(completion.usageReported());
        assertEquals(0, completion.inputTokens());
        assertEquals("max_tokens", completion.stopReason());
    }

    @Test
    void aCallSlowerThanTheTimeoutIsAProviderErrorWithoutStatus() {
        var impatient = new BedrockConverseProvider(new AwsClients(Env.of(Map.of(
                EnvNames.AWS_ENDPOINT_URL_BEDROCK_RUNTIME, server.uri().toString()))).bedrockRuntime(
                AwsRetryStrategy.doNotRetry(), Duration.ofMillis(200)));
        server.replySlowly(Duration.ofMillis(1200), 200, CONVERSE_OK);

        var error = assertThrows(ProviderException.class, () -> impatient.complete(REQUEST));

        assertNull(error.status());
        assertFalse(error.throttled());
    }
}
