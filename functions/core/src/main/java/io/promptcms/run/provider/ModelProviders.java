package io.promptcms.run.provider;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import java.net.URI;
import java.util.Locale;
import java.util.function.ToLongBiFunction;

/**
 * Picks the provider for a catalog entry's adapter. In {@code offline} mode every adapter is the offline
 * provider; in {@code live} mode {@code bedrock} and {@code openai} are the real ones, each built on first use
 * and then kept for the container, so functions that never run a model pay nothing for the Bedrock, Secrets
 * Manager or HTTP clients at cold start.
 *
 * <p>Configuration: {@code MODEL_PROVIDER_MODE} ({@code live} by default, or {@code offline}),
 * {@code OPENAI_BASE_URL} (default {@value #DEFAULT_OPENAI_BASE_URL}), {@code OPENAI_API_KEY_SECRET} (the Secrets
 * Manager secret holding the key; unset = the openai adapter is not configured) and
 * {@code OPENAI_MAX_TOKENS_FIELD} ({@code max_completion_tokens} by default, or {@code max_tokens}).
 */
public final class ModelProviders implements ProviderRouter {

    public static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
    public static final String BEDROCK = "bedrock";
    public static final String OPENAI = "openai";

    private final boolean offline;
    private final OfflineProvider offlineProvider;
    private final Lazy<ModelProvider> bedrock;
    private final Lazy<ModelProvider> openAi;
    private final String openAiSecret;

    /** @param tokens the tokenizer the offline provider reports usage with: (model, text) → tokens */
    public ModelProviders(Env env, AwsClients aws, ToLongBiFunction<String, String> tokens) {
        this.offline = switch (env.optional(EnvNames.MODEL_PROVIDER_MODE).orElse("live").toLowerCase(Locale.ROOT)) {
            case "live" -> false;
            case "offline" -> true;
            default -> throw new IllegalStateException(EnvNames.MODEL_PROVIDER_MODE + " must be live or offline, was "
                    + env.get(EnvNames.MODEL_PROVIDER_MODE));
        };
        this.offlineProvider = new OfflineProvider(tokens);
        this.bedrock = Lazy.of(() -> new BedrockConverseProvider(aws.bedrockRuntime()));
        this.openAiSecret = env.optional(EnvNames.OPENAI_API_KEY_SECRET).orElse(null);
        // Read and checked now so a misconfigured deployment fails at start, not at its first run.
        URI baseUrl = URI.create(env.optional(EnvNames.OPENAI_BASE_URL).orElse(DEFAULT_OPENAI_BASE_URL));
        var maxTokensField = OpenAiCompatibleProvider.MaxTokensField.of(
                env.optional(EnvNames.OPENAI_MAX_TOKENS_FIELD).orElse(OpenAiCompatibleProvider.MaxTokensField.MAX_COMPLETION_TOKENS.jsonName()));
        this.openAi = Lazy.of(() -> new OpenAiCompatibleProvider(
                OpenAiCompatibleProvider.httpClient(),
                baseUrl,
                new SecretsManagerApiKey(Lazy.of(aws::secretsManager), openAiSecret),
                maxTokensField,
                RetryPolicy.STANDARD,
                Thread::sleep));
    }

    @Override
    public boolean offline() {
        return offline;
    }

    @Override
    public ModelProvider forAdapter(String adapter) {
        if (offline) {
            return offlineProvider;
        }
        return switch (adapter) {
            case BEDROCK -> bedrock.get();
            case OPENAI -> {
                if (openAiSecret == null) {
                    throw new ProviderNotConfiguredException(OPENAI,
                            "the openai adapter is not configured: " + EnvNames.OPENAI_API_KEY_SECRET + " names no secret");
                }
                yield openAi.get();
            }
            default -> throw new IllegalArgumentException("no provider for adapter '" + adapter + "'");
        };
    }
}
