package io.promptcms.run.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Any server that speaks OpenAI's chat completions ({@code POST {baseUrl}/chat/completions}): OpenAI itself,
 * Azure-style gateways, vLLM, LiteLLM, Ollama. 429 and 5xx answers (and connection failures) are retried by the
 * AWS SDK's standard retry strategy with jittered exponential backoff, waiting at least what {@code Retry-After}
 * asks; every attempt and wait fits in the policy's time budget. Other 4xx answers fail at once with the
 * provider's message.
 */
public final class OpenAiCompatibleProvider implements ModelProvider {

    public static final String PROVIDER = "openai";
    private static final int MAX_ERROR_TEXT = 1000;
    private static final String QUOTA_EXHAUSTED = "insufficient_quota";

    /**
     * The request field that caps output tokens. OpenAI deprecated {@code max_tokens} and rejects it for its
     * reasoning models (o-series, gpt-5) with a 400; servers that predate {@code max_completion_tokens} ignore it
     * and fall back to their default length. So the default is the current name, and a deployment in front of an
     * older server can choose the old one.
     */
    public enum MaxTokensField {
        MAX_COMPLETION_TOKENS("max_completion_tokens"),
        MAX_TOKENS("max_tokens");

        private final String jsonName;

        MaxTokensField(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static MaxTokensField of(String jsonName) {
            for (MaxTokensField field : values()) {
                if (field.jsonName.equals(jsonName)) {
                    return field;
                }
            }
            throw new IllegalArgumentException("unknown max tokens field '" + jsonName + "' (max_completion_tokens or max_tokens)");
        }
    }

    /** Waits between attempts; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration delay) throws InterruptedException;
    }

    private final HttpClient http;
    private final URI completionsUri;
    private final Supplier<String> apiKey;
    private final MaxTokensField maxTokensField;
    private final RetryPolicy policy;
    private final RetryStrategy retries;
    private final Pause pause;

    public OpenAiCompatibleProvider(HttpClient http, URI baseUrl, Supplier<String> apiKey, MaxTokensField maxTokensField,
                                    RetryPolicy policy, Pause pause) {
        this.http = http;
        this.completionsUri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.maxTokensField = maxTokensField;
        this.policy = policy;
        this.retries = policy.strategy(failure -> failure instanceof Retryable,
                failure -> failure instanceof Retryable retryable && retryable.error.throttled());
        this.pause = pause;
    }

    /** The production HTTP client: 2 s to connect; each request's own timeout is what is left of the budget. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public Completion complete(CompletionRequest request) {
        long deadline = System.nanoTime() + policy.timeBudget().toNanos(); // the first call's key read counts too
        String body = requestBody(request);
        String key = apiKey();
        RetryToken token = retries.acquireInitialToken(AcquireInitialTokenRequest.create(PROVIDER)).token();
        while (true) {
            try {
                Completion completion = attempt(body, key, deadline);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return completion;
            } catch (Retryable failure) {
                RefreshRetryTokenResponse next;
                try {
                    next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token).failure(failure).suggestedDelay(failure.retryAfter).build());
                } catch (TokenAcquisitionFailedException exhausted) {
                    throw failure.error;
                }
                if (System.nanoTime() + next.delay().toNanos() >= deadline) {
                    throw failure.error; // the wait alone would overrun the budget: give up now
                }
                sleep(next.delay());
                token = next.token();
            }
        }
    }

    private String requestBody(CompletionRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.providerModelId());
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", request.prompt());
        body.put(maxTokensField.jsonName(), request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body.toString();
    }

    private String apiKey() {
        try {
            return apiKey.get();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProviderException(PROVIDER, null, "api_key_unavailable", "the API key could not be read: " + e.getMessage(), false, e);
        }
    }

    private Completion attempt(String body, String key, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(null);
        }
        HttpRequest request = HttpRequest.newBuilder(completionsUri)
                .timeout(Duration.ofNanos(remaining))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Retryable(new ProviderException(PROVIDER, null, "connect_timeout", "could not connect to " + completionsUri, false, e), Duration.ZERO);
        } catch (HttpTimeoutException e) {
            throw timeout(e);
        } catch (IOException e) {
            throw new Retryable(new ProviderException(PROVIDER, null, "connection_failed", "could not reach " + completionsUri + ": " + e, false, e), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(PROVIDER, null, "interrupted", "interrupted while waiting for the provider", false, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return completion(status, response.body());
        }
        ProviderException error = error(status, response.body());
        if (retryable(status, error)) {
            throw new Retryable(error, retryAfter(response.headers()));
        }
        throw error;
    }

    /** 408, throttling 429s and 5xx are worth another attempt. */
    private static boolean retryable(int status, ProviderException error) {
        return status == 408 || error.throttled() || status >= 500;
    }

    private ProviderException timeout(Throwable cause) {
        return new ProviderException(PROVIDER, null, "timeout",
                "no answer within " + policy.timeBudget().toMillis() + " ms", false, cause);
    }

    private static Completion completion(int status, String body) {
        JsonNode root = readJson(body).orElseThrow(() ->
                new ProviderException(PROVIDER, status, "unreadable_response", "the answer is not JSON: " + shorten(body), false));
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new ProviderException(PROVIDER, status, "unreadable_response", "the answer has no choices: " + shorten(body), false);
        }
        JsonNode message = choice.path("message");
        JsonNode usage = root.path("usage");
        boolean reported = usage.path("prompt_tokens").canConvertToLong() && usage.path("completion_tokens").canConvertToLong();
        return new Completion(
                text(message.path("content"), message.path("refusal")),
                reported ? usage.path("prompt_tokens").asLong() : 0,
                reported ? usage.path("completion_tokens").asLong() : 0,
                reported,
                choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null,
                PROVIDER,
                false);
    }

    /** The content as a string, or the text parts of a content array; a refusal stands in for absent content. */
    private static String text(JsonNode content, JsonNode refusal) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return refusal.isTextual() ? refusal.asText() : "";
    }

    /**
     * OpenAI's error body is {@code {"error": {"message", "type", "param", "code"}}}; compatible servers also
     * answer {@code {"error": "..."}}, {@code {"message": "..."}}, {@code {"detail": "..."}} or plain text.
     */
    private static ProviderException error(int status, String body) {
        JsonNode root = readJson(body).orElse(null);
        String message = null;
        String code = null;
        if (root != null) {
            JsonNode error = root.path("error");
            if (error.isObject()) {
                message = textOrNull(error.path("message"));
                code = Optional.ofNullable(textOrNull(error.path("code"))).orElse(textOrNull(error.path("type")));
            } else {
                message = Optional.ofNullable(textOrNull(error))
                        .or(() -> Optional.ofNullable(textOrNull(root.path("message"))))
                        .orElse(textOrNull(root.path("detail")));
            }
        }
        if (message == null) {
            message = body == null || body.isBlank() ? "HTTP " + status + " without a body" : shorten(body);
        }
        // An exhausted quota is a 429 too, but waiting will not refill it: not throttling, not retried.
        return new ProviderException(PROVIDER, status, code, message, status == 429 && !QUOTA_EXHAUSTED.equals(code));
    }

    /** {@code retry-after-ms} (OpenAI's) or {@code Retry-After} in seconds or as an HTTP date, capped by the policy. */
    private Duration retryAfter(HttpHeaders headers) {
        Optional<Duration> asked = headers.firstValue("retry-after-ms").flatMap(ms -> parse(() -> millis(ms, 1)))
                .or(() -> headers.firstValue("retry-after").flatMap(OpenAiCompatibleProvider::parseRetryAfter));
        return asked.map(policy::capRetryAfter).orElse(Duration.ZERO);
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        return parse(() -> millis(value, 1000))
                .or(() -> parse(() -> Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())));
    }

    private static Duration millis(String number, int millisPerUnit) {
        return Duration.ofMillis((long) (Double.parseDouble(number.strip()) * millisPerUnit));
    }

    private static Optional<Duration> parse(Supplier<Duration> parser) {
        try {
            return Optional.of(parser.get());
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> readJson(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            // A tree, not a record: provider answers grow fields, and the shared mapper rejects unknown ones.
            return Optional.of(Json.MAPPER.readTree(body)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
    }

    private void sleep(Duration delay) {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(PROVIDER, null, "interrupted", "interrupted while backing off", false, e);
        }
    }

    /** A failed attempt the retry strategy may repeat: the error to report if it does not, and the wait the server asked for. */
    private static final class Retryable extends RuntimeException {
        private final ProviderException error;
        private final Duration retryAfter;

        Retryable(ProviderException error, Duration retryAfter) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.retryAfter = retryAfter;
        }
    }
}
