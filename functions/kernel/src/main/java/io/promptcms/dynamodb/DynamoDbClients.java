package io.promptcms.dynamodb;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB clients of one function container, built once from its {@link Env}, and the setup every SDK client
 * of the container shares: one explicit Apache HTTP client (no classpath scan for an implementation), the region,
 * and credentials straight from the environment Lambda sets (no provider chain walk). Locally
 * {@code AWS_ENDPOINT_URL_DYNAMODB} points the clients at the local engine with dummy credentials.
 * <p>
 * Only DynamoDB lives here so that the authorizer's jar needs no other service's SDK; {@code io.promptcms.aws.AwsClients}
 * adds the clients the other functions need on the same setup.
 */
public class DynamoDbClients {

    private final Env env;
    private final SdkHttpClient httpClient;

    public DynamoDbClients(Env env) {
        this.env = env;
        this.httpClient = ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
    }

    public Region region() {
        return Region.of(env.optional(EnvNames.AWS_REGION).orElse("us-east-1"));
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().httpClient(httpClient).region(region())
                .credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_DYNAMODB));
        endpoint(EnvNames.AWS_ENDPOINT_URL_DYNAMODB).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        var builder = DynamoDbStreamsClient.builder().httpClient(httpClient).region(region())
                .credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_DYNAMODB));
        endpoint(EnvNames.AWS_ENDPOINT_URL_DYNAMODB).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public SdkHttpClient httpClient() {
        return httpClient;
    }

    public AwsCredentialsProvider credentials(String endpointVariable) {
        return endpoint(endpointVariable).isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : EnvironmentVariableCredentialsProvider.create();
    }

    /** The endpoint override in the environment variable, if the container has one (the local runtime, tests). */
    protected Optional<URI> endpoint(String variable) {
        return env.optional(variable).map(URI::create);
    }
}
