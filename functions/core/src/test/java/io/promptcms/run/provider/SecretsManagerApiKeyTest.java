package io.promptcms.run.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The real Secrets Manager SDK client (JSON 1.1 protocol: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}) against a local server answering with the body of the
 * GetSecretValue API reference example (docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
 */
class SecretsManagerApiKeyTest {

    private static final String SECRET_ID = "promptcms/openai";

    private ScriptedServer server;
    private SecretsManagerClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        client = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_SECRETS_MANAGER, server.uri().toString()))).secretsManager();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String secretValue(String secretString) {
        return """
                {
                  "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:promptcms/openai-a1b2c3",
                  "CreatedDate": 1523477145.713,
                  "Name": "promptcms/openai",
                  "SecretString": %s,
                  "VersionId": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
                  "VersionStages": ["AWSCURRENT"]
                }
                """.formatted(Json.write(secretString));
    }

    @Test
    void jsonSecretYieldsItsApiKeyReadOncePerContainer() throws Exception {
        server.reply(200, secretValue("{\"apiKey\": \"sk-live-abc\"}"), Map.of("Content-Type", "application/x-amz-json-1.1"));
        var key = new SecretsManagerApiKey(() -> client, SECRET_ID);

        assertEquals("sk-live-abc", key.get());
        assertEquals("sk-live-abc", key.get());

        assertEquals(1, server.received().size());
        var sent = server.last();
        assertEquals("secretsmanager.GetSecretValue", sent.header("X-Amz-Target"));
        assertEquals(SECRET_ID, Json.MAPPER.readTree(sent.body()).path("SecretId").asText());
    }

    @Test
    void plainSecretIsTheKeyItself() {
        server.reply(200, secretValue("sk-live-plain\n"), Map.of("Content-Type", "application/x-amz-json-1.1"));

        assertEquals("sk-live-plain", new SecretsManagerApiKey(() -> client, SECRET_ID).get());
    }

    @Test
    void aFailedReadIsTriedAgainOnTheNextUse() {
        server.reply(400, """
                        {"__type": "ResourceNotFoundException", "Message": "Secrets Manager can't find the specified secret."}
                        """, Map.of("Content-Type", "application/x-amz-json-1.1"))
                .reply(200, secretValue("sk-live-late"), Map.of("Content-Type", "application/x-amz-json-1.1"));
        var key = new SecretsManagerApiKey(() -> client, SECRET_ID);

        assertThrows(ResourceNotFoundException.class, key::get);
        assertEquals("sk-live-late", key.get());
    }

    @Test
    void jsonWithoutApiKeyIsRejected() {
        var error = assertThrows(IllegalStateException.class,
                () -> SecretsManagerApiKey.parse(SECRET_ID, "{\"key\": \"sk-live-abc\"}"));
        assertEquals("secret promptcms/openai is JSON without an \"apiKey\" string", error.getMessage());
    }

    @Test
    void blankSecretIsRejected() {
        assertThrows(IllegalStateException.class, () -> SecretsManagerApiKey.parse(SECRET_ID, "  "));
        assertThrows(IllegalStateException.class, () -> SecretsManagerApiKey.parse(SECRET_ID, null));
    }
}
