package io.promptcms.run.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.run.provider.OpenAiCompatibleProvider.MaxTokensField;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code java.net.http} client against a local server answering with the bodies of OpenAI's API
 * reference (the chat completion object, platform.openai.com/docs/api-reference/chat/object) and its error
 * guide (platform.openai.com/docs/guides/error-codes: {@code {"error": {"message", "type", "param", "code"}}},
 * 401 invalid key, 429 rate limit vs. exhausted quota, 500). Backoff waits are recorded, not slept.
 */
class OpenAiCompatibleProviderTest {

    private static final CompletionRequest REQUEST =
            new CompletionRequest("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "What is the capital of France?", 256, 0.2);
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

    private static final String COMPLETION_OK = """
            {
              "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
              "object": "chat.completion",
              "created": 1741570283,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": "The capital of France is Paris.",
                    "refusal": null,
                    "annotations": []
                  },
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 14,
                "completion_tokens": 8,
                "total_tokens": 22,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }
            """;
    private static final String RATE_LIMITED = """
            {
              "error": {
                "message": "Rate limit reached for gpt-4o-mini in organization org-abc123 on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.",
                "type": "requests",
                "param": null,
                "code": "rate_limit_exceeded"
              }
            }
            """;

    private ScriptedServer server;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleProvider provider(MaxTokensField field, RetryPolicy policy, Supplier<String> key) {
        return new OpenAiCompatibleProvider(OpenAiCompatibleProvider.httpClient(), URI.create(server.uri() + "/v1/"),
                key, field, policy, pauses::add);
    }

    private OpenAiCompatibleProvider provider() {
        return provider(MaxTokensField.MAX_COMPLETION_TOKENS, FAST, () -> "sk-test-123");
    }

    @Test
    void answerIsTheFirstChoiceWithTheReportedUsage() {
        server.reply(200, COMPLETION_OK);

        Completion completion = provider().complete(REQUEST);

        assertEquals("The capital of France is Paris.", completion.output());
        assertEquals(14, completion.inputTokens());
        assertEquals(8, completion.outputTokens());
        assertTrue(completion.usageReported());
        assertEquals("stop", completion.stopReason());
        assertEquals("openai", completion.provider());
        assertFalse(completion.offline());
    }

    @Test
    void postsOneUserMessageWithTheBearerKeyToChatCompletions() throws Exception {
        server.reply(200, COMPLETION_OK);

        provider().complete(REQUEST);

        var sent = server.last();
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.rawPath());
        assertEquals("Bearer sk-test-123", sent.header("Authorization"));
        assertEquals("application/json", sent.header("Content-Type"));
        JsonNode body = Json.MAPPER.readTree(sent.body());
        assertEquals("gpt-4o-mini-2024-07-18", body.path("model").asText());
        assertEquals(1, body.path("messages").size());
        assertEquals("user", body.path("messages").path(0).path("role").asText());
        assertEquals("What is the capital of France?", body.path("messages").path(0).path("content").asText());
        assertEquals(256, body.path("max_completion_tokens").asInt());
        assertTrue(body.path("max_tokens").isMissingNode());
        assertEquals(0.2, body.path("temperature").asDouble(), 1e-9);
    }

    @Test
    void olderServersCanBeSentMaxTokensAndNoTemperature() throws Exception {
        server.reply(200, COMPLETION_OK);

        provider(MaxTokensField.MAX_TOKENS, FAST, () -> "sk-test-123")
                .complete(new CompletionRequest("llama3", "llama3.1:8b", "hi", 64, null));

        JsonNode body = Json.MAPPER.readTree(server.last().body());
        assertEquals("llama3.1:8b", body.path("model").asText());
        assertEquals(64, body.path("max_tokens").asInt());
        assertTrue(body.path("max_completion_tokens").isMissingNode());
        assertTrue(body.path("temperature").isMissingNode());
    }

    @Test
    void rateLimitIsRetriedAfterTheWaitTheServerAsksFor() {
        server.reply(429, RATE_LIMITED, Map.of("Content-Type", "application/json", "Retry-After", "2"))
                .reply(429, RATE_LIMITED, Map.of("Content-Type", "application/json", "retry-after-ms", "250"))
                .reply(200, COMPLETION_OK);

        Completion completion = provider().complete(REQUEST);

        assertEquals("The capital of France is Paris.", completion.output());
        assertEquals(3, server.received().size());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0).compareTo(Duration.ofSeconds(2)) >= 0, "Retry-After honoured: " + pauses);
        assertTrue(pauses.get(1).compareTo(Duration.ofMillis(250)) >= 0, "retry-after-ms honoured: " + pauses);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        server.reply(503, """
                        {"error": {"message": "The engine is currently overloaded, please try again later",
                                   "type": "server_error", "param": null, "code": null}}
                        """, Map.of("Content-Type", "application/json", "Retry-After", inFiveSeconds))
                .reply(200, COMPLETION_OK);

        provider().complete(REQUEST);

        assertEquals(1, pauses.size());
        assertTrue(pauses.getFirst().compareTo(Duration.ofSeconds(3)) > 0, "HTTP-date Retry-After honoured: " + pauses);
    }

    @Test
    void retryAfterIsCappedByThePolicy() {
        var policy = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofSeconds(3), Duration.ofSeconds(60));
        server.reply(429, RATE_LIMITED, Map.of("Content-Type", "application/json", "Retry-After", "45"))
                .reply(200, COMPLETION_OK);

        provider(MaxTokensField.MAX_COMPLETION_TOKENS, policy, () -> "sk-test-123").complete(REQUEST);

        assertEquals(List.of(Duration.ofSeconds(3)), pauses);
    }

    @Test
    void rateLimitThatOutlastsTheAttemptsIsAThrottledProviderError() {
        for (int i = 0; i < 4; i++) {
            server.reply(429, RATE_LIMITED);
        }

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(4, server.received().size());
        assertEquals(3, pauses.size());
        assertTrue(error.throttled());
        assertEquals(429, error.status());
        assertEquals("rate_limit_exceeded", error.code());
        assertTrue(error.providerMessage().startsWith("Rate limit reached for gpt-4o-mini"), error.providerMessage());
    }

    @Test
    void aWaitLongerThanTheRemainingBudgetEndsTheCallAtOnce() {
        server.reply(429, RATE_LIMITED, Map.of("Content-Type", "application/json", "Retry-After", "8"));

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(1, server.received().size());
        assertTrue(pauses.isEmpty());
        assertTrue(error.throttled());
    }

    @Test
    void serverErrorIsRetried() {
        server.reply(500, """
                        {"error": {"message": "The server had an error while processing your request. Sorry about that!",
                                   "type": "server_error", "param": null, "code": null}}
                        """)
                .reply(200, COMPLETION_OK);

        assertEquals("The capital of France is Paris.", provider().complete(REQUEST).output());
        assertEquals(2, server.received().size());
    }

    @Test
    void invalidKeyPassesTheMessageOnWithoutRetry() {
        server.reply(401, """
                {
                  "error": {
                    "message": "Incorrect API key provided: sk-test-***123. You can find your API key at https://platform.openai.com/account/api-keys.",
                    "type": "invalid_request_error",
                    "param": null,
                    "code": "invalid_api_key"
                  }
                }
                """);

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals(401, error.status());
        assertEquals("invalid_api_key", error.code());
        assertTrue(error.providerMessage().startsWith("Incorrect API key provided"), error.providerMessage());
        assertFalse(error.throttled());
    }

    @Test
    void unknownModelPassesTheMessageOnWithoutRetry() {
        server.reply(404, """
                {
                  "error": {
                    "message": "The model `gpt-9` does not exist or you do not have access to it.",
                    "type": "invalid_request_error",
                    "param": null,
                    "code": "model_not_found"
                  }
                }
                """);

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals(404, error.status());
        assertEquals("model_not_found", error.code());
        assertEquals("The model `gpt-9` does not exist or you do not have access to it.", error.providerMessage());
    }

    @Test
    void exhaustedQuotaIsNotRetriedThoughItIsA429() {
        server.reply(429, """
                {
                  "error": {
                    "message": "You exceeded your current quota, please check your plan and billing details.",
                    "type": "insufficient_quota",
                    "param": null,
                    "code": "insufficient_quota"
                  }
                }
                """);

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(1, server.received().size());
        assertEquals("insufficient_quota", error.code());
        assertFalse(error.throttled());
    }

    @Test
    void errorsInOtherShapesStillCarryTheServersWords() {
        server.reply(400, """
                {"detail": "max_tokens must be at least 1"}
                """);

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals("max_tokens must be at least 1", error.providerMessage());
        assertNull(error.code());
    }

    @Test
    void answerWithoutUsageSaysUsageWasNotReported() {
        server.reply(200, """
                {
                  "id": "cmpl-1",
                  "object": "chat.completion",
                  "created": 1741570283,
                  "model": "llama3.1:8b",
                  "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris."}, "finish_reason": "length"}]
                }
                """);

        Completion completion = provider().complete(REQUEST);

        assertEquals("Paris.", completion.output());
        assertFalse(completion.usageReported());
        assertEquals(0, completion.inputTokens());
        assertEquals(0, completion.outputTokens());
        assertEquals("length", completion.stopReason());
    }

    @Test
    void answerWithoutChoicesIsAProviderError() {
        server.reply(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "choices": []}
                """);

        var error = assertThrows(ProviderException.class, () -> provider().complete(REQUEST));

        assertEquals(200, error.status());
        assertEquals("unreadable_response", error.code());
    }

    @Test
    void aServerSlowerThanTheBudgetIsATimeoutWithoutStatus() {
        var impatient = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5),
                Duration.ofSeconds(1), Duration.ofMillis(200));
        server.replySlowly(Duration.ofMillis(700), 200, COMPLETION_OK);

        var error = assertThrows(ProviderException.class,
                () -> provider(MaxTokensField.MAX_COMPLETION_TOKENS, impatient, () -> "sk-test-123").complete(REQUEST));

        assertNull(error.status());
        assertEquals("timeout", error.code());
        assertEquals(1, server.received().size());
    }

    @Test
    void anUnreadableKeyIsAProviderErrorAndNothingIsSent() {
        var error = assertThrows(ProviderException.class,
                () -> provider(MaxTokensField.MAX_COMPLETION_TOKENS, FAST, () -> {
                    throw new IllegalStateException("secret promptcms/openai has no secret string");
                }).complete(REQUEST));

        assertEquals("api_key_unavailable", error.code());
        assertTrue(error.providerMessage().contains("has no secret string"), error.providerMessage());
        assertTrue(server.received().isEmpty());
    }
}
