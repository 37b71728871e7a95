package io.promptcms.run.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.common.Lazy;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An API key kept in Secrets Manager, read once per container on first use (a failed read is tried again next
 * time). The secret string is either the bare key or JSON {@code {"apiKey": "..."}}, the shape the console's
 * key/value editor produces.
 */
public final class SecretsManagerApiKey implements Supplier<String> {

    private final Lazy<String> key;

    public SecretsManagerApiKey(Supplier<SecretsManagerClient> client, String secretId) {
        this.key = Lazy.of(() -> parse(secretId, client.get().getSecretValue(request -> request.secretId(secretId)).secretString()));
    }

    @Override
    public String get() {
        return key.get();
    }

    static String parse(String secretId, String secretString) {
        String value = secretString == null ? "" : secretString.strip();
        if (value.startsWith("{")) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("secret " + secretId + " looks like JSON but does not parse");
            }
            value = json.path("apiKey").asText("").strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("secret " + secretId + " is JSON without an \"apiKey\" string");
            }
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("secret " + secretId + " has no secret string");
        }
        return value;
    }
}
