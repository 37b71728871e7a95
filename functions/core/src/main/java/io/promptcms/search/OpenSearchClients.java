package io.promptcms.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import java.net.URI;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * Builds the OpenSearch client from {@code OPENSEARCH_ENDPOINT}: an {@code https} endpoint is an Amazon
 * OpenSearch Service domain, reached with SigV4-signed requests (service {@code es}) over the function's one SDK
 * HTTP client; an {@code http} endpoint is the local node, reached without authentication.
 */
public final class OpenSearchClients {

    /**
     * Not {@code Json.MAPPER}: OpenSearch responses carry fields the client model does not know, and a strict
     * mapper would fail on them. Null fields are left out of documents rather than indexed as null.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private OpenSearchClients() {
    }

    public static OpenSearchClient create(Env env) {
        return create(env, new AwsClients(env));
    }

    public static OpenSearchClient create(Env env, AwsClients aws) {
        return create(URI.create(env.require(EnvNames.OPENSEARCH_ENDPOINT)), aws);
    }

    public static OpenSearchClient create(URI endpoint, AwsClients aws) {
        return new OpenSearchClient("https".equals(endpoint.getScheme()) ? signed(endpoint, aws) : plain(endpoint));
    }

    private static OpenSearchTransport signed(URI endpoint, AwsClients aws) {
        var options = AwsSdk2TransportOptions.builder()
                .setMapper(new JacksonJsonpMapper(MAPPER))
                // the Lambda runtime puts the role's credentials in the environment: no provider chain walk
                .setCredentials(EnvironmentVariableCredentialsProvider.create())
                .build();
        return new AwsSdk2Transport(aws.httpClient(), endpoint.getHost(), "es", aws.region(), options);
    }

    private static OpenSearchTransport plain(URI endpoint) {
        var host = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
        return ApacheHttpClient5TransportBuilder.builder(host).setMapper(new JacksonJsonpMapper(MAPPER)).build();
    }
}
