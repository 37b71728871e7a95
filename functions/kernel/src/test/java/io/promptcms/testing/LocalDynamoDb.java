package io.promptcms.testing;

import io.promptcms.local.engine.DynamoDbEngine;
import io.promptcms.local.engine.SharedEngines;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A clean DynamoDB for one test class: the test JVM's moto engine (started once, reset here), or the moto-compatible
 * server in {@value #ENDPOINT_VARIABLE}, which is reset too — never point that at data you keep.
 */
public final class LocalDynamoDb implements AutoCloseable {

    public static final String ENDPOINT_VARIABLE = "PROMPTCMS_DYNAMODB_ENDPOINT";

    private final String endpoint;
    private final DynamoDbClient client;

    private LocalDynamoDb(String endpoint) {
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    public static LocalDynamoDb create() {
        String external = System.getenv(ENDPOINT_VARIABLE);
        String endpoint = external == null || external.isBlank() ? SharedEngines.dynamoDb().url() : external;
        DynamoDbEngine.reset(endpoint);
        return new LocalDynamoDb(endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    public DynamoDbClient dynamoDbClient() {
        return client;
    }

    /** Closes the client; the engine lives on for the next test class. */
    public void shutdown() {
        client.close();
    }

    @Override
    public void close() {
        shutdown();
    }
}
