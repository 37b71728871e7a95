package io.promptcms.aws;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.dynamodb.DynamoDbClients;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the AWS SDK clients of one function container, once, from its {@link Env}: the DynamoDB ones and their
 * shared setup ({@link DynamoDbClients}) plus S3, Bedrock Runtime and Secrets Manager on the same HTTP client.
 * Locally {@code AWS_ENDPOINT_URL_S3} points S3 at the embedded engine with dummy credentials
 * ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} / {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} likewise point the model
 * clients at a local server).
 */
public final class AwsClients extends DynamoDbClients {

    /**
     * A model call must fit a 29 s Lambda behind a 30 s HTTP API with room to reserve and record the run:
     * 20 s for all attempts together, backoff sleeps included.
     */
    public static final Duration MODEL_CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final int MODEL_CALL_ATTEMPTS = 4;

    public AwsClients(Env env) {
        super(env);
    }

    public S3Client s3() {
        var builder = S3Client.builder().httpClient(httpClient()).region(region()).credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_S3))
                .serviceConfiguration(s3Configuration());
        endpoint(EnvNames.AWS_ENDPOINT_URL_S3).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Presigner s3Presigner() {
        var builder = S3Presigner.builder().region(region()).credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_S3))
                .serviceConfiguration(s3Configuration());
        endpoint(EnvNames.AWS_ENDPOINT_URL_S3).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * Bedrock Runtime with the SDK's standard retry strategy (jittered exponential backoff, throttling errors
     * such as ThrottlingException and 429/503 answers retried with a 1 s base) over 4 attempts, all within
     * {@link #MODEL_CALL_TIMEOUT}.
     */
    public BedrockRuntimeClient bedrockRuntime() {
        return bedrockRuntime(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MODEL_CALL_ATTEMPTS).build(),
                MODEL_CALL_TIMEOUT);
    }

    /** Bedrock Runtime with an explicit retry strategy and overall call timeout (tests shorten the backoff). */
    public BedrockRuntimeClient bedrockRuntime(RetryStrategy retryStrategy, Duration apiCallTimeout) {
        var builder = BedrockRuntimeClient.builder().httpClient(httpClient()).region(region())
                .credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_BEDROCK_RUNTIME))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy)
                        .apiCallTimeout(apiCallTimeout)
                        .build());
        endpoint(EnvNames.AWS_ENDPOINT_URL_BEDROCK_RUNTIME).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public SecretsManagerClient secretsManager() {
        var builder = SecretsManagerClient.builder().httpClient(httpClient()).region(region())
                .credentialsProvider(credentials(EnvNames.AWS_ENDPOINT_URL_SECRETS_MANAGER));
        endpoint(EnvNames.AWS_ENDPOINT_URL_SECRETS_MANAGER).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private S3Configuration s3Configuration() {
        // Path-style only where an endpoint is overridden: local S3 servers do not resolve bucket subdomains.
        return S3Configuration.builder().pathStyleAccessEnabled(endpoint(EnvNames.AWS_ENDPOINT_URL_S3).isPresent()).build();
    }
}
