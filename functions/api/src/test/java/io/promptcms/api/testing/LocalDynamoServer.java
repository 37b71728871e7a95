package io.promptcms.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.testing.TemplateTables;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local as an HTTP server on a free port, so the functions under test build their own clients from
 * {@code AWS_ENDPOINT_URL_DYNAMODB} exactly as on Lambda. Creates every table of template.yaml under its
 * logical id, as the local runtime does.
 */
public final class LocalDynamoServer implements AutoCloseable {

    public static final String API_KEYS = "ApiKeysTable";
    public static final String COLLECTIONS = "CollectionsTable";
    public static final String PROMPTS = "PromptsTable";
    public static final String IDEMPOTENCY = "IdempotencyTable";
    public static final String PROMPT_VERSIONS = "PromptVersionsTable";

    private final DynamoDBProxyServer server;
    private final String endpoint;
    private final DynamoDbClient client;

    private LocalDynamoServer(DynamoDBProxyServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    public static LocalDynamoServer start() throws Exception {
        int port = freePort();
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-port", Integer.toString(port)});
        server.start();
        LocalDynamoServer local = new LocalDynamoServer(server, "http://localhost:" + port);
        TemplateTables.create(local.client, "");
        return local;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A function's configuration: its template variables plus the endpoint override that points it here. */
    public Env env(Map<String, String> functionVariables) {
        Map<String, String> values = new HashMap<>(functionVariables);
        values.put(AwsClients.DYNAMODB_ENDPOINT, endpoint);
        values.put(AwsClients.REGION, "us-east-1");
        // the per-key limit is out of the way in handler tests; RateLimitTest sets its own
        values.putIfAbsent(RateLimits.TABLE, "RateLimitsTable");
        values.putIfAbsent(RateLimits.PER_MINUTE, "1000000");
        return Env.of(values);
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
