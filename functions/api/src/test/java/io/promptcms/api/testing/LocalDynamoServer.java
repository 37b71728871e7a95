package io.promptcms.api.testing;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A clean DynamoDB ({@link LocalDynamoDb}: the test JVM's moto engine) that the functions under test reach through
 * {@code AWS_ENDPOINT_URL_DYNAMODB} exactly as on Lambda. Creates every table of template.yaml under its
 * logical id, as the local runtime does.
 */
public final class LocalDynamoServer implements AutoCloseable {

    public static final String API_KEYS = "ApiKeysTable";
    public static final String COLLECTIONS = "CollectionsTable";
    public static final String PROMPTS = "PromptsTable";
    public static final String IDEMPOTENCY = "IdempotencyTable";
    public static final String PROMPT_VERSIONS = "PromptVersionsTable";

    private final LocalDynamoDb dynamo;

    private LocalDynamoServer(LocalDynamoDb dynamo) {
        this.dynamo = dynamo;
    }

    public static LocalDynamoServer start() {
        LocalDynamoServer local = new LocalDynamoServer(LocalDynamoDb.create());
        TemplateTables.create(local.client(), "");
        return local;
    }

    public String endpoint() {
        return dynamo.endpoint();
    }

    /** A function's configuration: its template variables plus the endpoint override that points it here. */
    public Env env(Map<String, String> functionVariables) {
        Map<String, String> values = new HashMap<>(functionVariables);
        values.put(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, endpoint());
        values.put(EnvNames.AWS_REGION, "us-east-1");
        // the per-key limit is out of the way in handler tests; RateLimitTest sets its own
        values.putIfAbsent(EnvNames.RATE_LIMITS_TABLE, "RateLimitsTable");
        values.putIfAbsent(EnvNames.RATE_LIMIT_PER_MINUTE, "1000000");
        return Env.of(values);
    }

    public DynamoDbClient client() {
        return dynamo.dynamoDbClient();
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
