package io.promptcms.run.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelProvidersTest {

    private static final ToLongBiFunction<String, String> CHARS = (model, text) -> text.length();
    private static final CompletionRequest REQUEST =
            new CompletionRequest("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "Say hello", 32, null);

    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelProviders providers(Map<String, String> variables) {
        Env env = Env.of(variables);
        return new ModelProviders(env, new AwsClients(env), CHARS);
    }

    @Test
    void offlineModeAnswersOfflineForEveryAdapter() {
        var providers = providers(Map.of(EnvNames.MODEL_PROVIDER_MODE, "offline"));

        assertTrue(providers.offline());
        assertTrue(providers.forAdapter("bedrock").complete(REQUEST).offline());
        assertTrue(providers.forAdapter("openai").complete(REQUEST).offline());
        assertTrue(server.received().isEmpty());
    }

    @Test
    void openAiWithoutAKeySecretIsNotConfigured() {
        var providers = providers(Map.of(EnvNames.MODEL_PROVIDER_MODE, "live"));

        var error = assertThrows(ProviderNotConfiguredException.class, () -> providers.forAdapter("openai"));

        assertEquals("openai", error.provider());
        assertTrue(error.providerMessage().contains("OPENAI_API_KEY_SECRET"), error.providerMessage());
    }

    @Test
    void unknownAdapterIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> providers(Map.of(EnvNames.MODEL_PROVIDER_MODE, "live")).forAdapter("vertex"));
    }

    @Test
    void unknownModeIsRejectedAtStart() {
        assertThrows(IllegalStateException.class, () -> providers(Map.of(EnvNames.MODEL_PROVIDER_MODE, "dry-run")));
    }

    @Test
    void unknownMaxTokensFieldIsRejectedAtStart() {
        assertThrows(IllegalArgumentException.class,
                () -> providers(Map.of(EnvNames.OPENAI_MAX_TOKENS_FIELD, "max_new_tokens")));
    }

    @Test
    void liveOpenAiReadsItsKeyFromSecretsManagerAndCallsTheConfiguredBaseUrl() {
        var variables = new HashMap<String, String>();
        variables.put(EnvNames.MODEL_PROVIDER_MODE, "live");
        variables.put(EnvNames.OPENAI_BASE_URL, server.uri() + "/v1");
        variables.put(EnvNames.OPENAI_API_KEY_SECRET, "promptcms/openai");
        variables.put(EnvNames.AWS_ENDPOINT_URL_SECRETS_MANAGER, server.uri().toString());
        server.reply(200, """
                        {"ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:promptcms/openai-a1b2c3",
                         "Name": "promptcms/openai", "SecretString": "{\\"apiKey\\": \\"sk-from-secret\\"}",
                         "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "VersionStages": ["AWSCURRENT"],
                         "CreatedDate": 1523477145.713}
                        """, Map.of("Content-Type", "application/x-amz-json-1.1"))
                .reply(200, """
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741570283, "model": "gpt-4o-mini-2024-07-18",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!"}, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 9, "completion_tokens": 2, "total_tokens": 11}}
                        """);
        var providers = providers(variables);

        ModelProvider openAi = providers.forAdapter("openai");
        Completion completion = openAi.complete(REQUEST);

        assertEquals("Hello!", completion.output());
        assertEquals("/v1/chat/completions", server.last().rawPath());
        assertEquals("Bearer sk-from-secret", server.last().header("Authorization"));
        assertSame(openAi, providers.forAdapter("openai"));
    }

    @Test
    void liveBedrockUsesTheBedrockRuntimeEndpoint() {
        server.reply(200, """
                {"output": {"message": {"role": "assistant", "content": [{"text": "Hello!"}]}},
                 "stopReason": "end_turn", "usage": {"inputTokens": 9, "outputTokens": 2, "totalTokens": 11},
                 "metrics": {"latencyMs": 80}}
                """);
        var providers = providers(Map.of(EnvNames.MODEL_PROVIDER_MODE, "live", EnvNames.AWS_ENDPOINT_URL_BEDROCK_RUNTIME, server.uri().toString()));

        ModelProvider bedrock = providers.forAdapter("bedrock");
        Completion completion = bedrock.complete(
                new CompletionRequest("amazon-nova-micro", "amazon.nova-micro-v1:0", "Say hello", 32, null));

        assertInstanceOf(BedrockConverseProvider.class, bedrock);
        assertEquals("Hello!", completion.output());
        assertEquals("/model/amazon.nova-micro-v1%3A0/converse", server.last().rawPath());
        assertSame(bedrock, providers.forAdapter("bedrock"));
    }
}
