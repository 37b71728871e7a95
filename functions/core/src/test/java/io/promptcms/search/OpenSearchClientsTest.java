package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;

class OpenSearchClientsTest {

    @Test
    void httpsEndpointIsAnAwsDomainReachedWithSignedRequests() {
        var client = OpenSearchClients.create(Env.of(Map.of(
                EnvNames.OPENSEARCH_ENDPOINT, "https://search-prompts-abc123.eu-west-1.es.amazonaws.com",
                EnvNames.AWS_REGION, "eu-west-1")));

        assertInstanceOf(AwsSdk2Transport.class, client._transport());
    }

    @Test
    void httpEndpointIsTheLocalNodeWithoutAuthentication() {
        var client = OpenSearchClients.create(Env.of(Map.of(EnvNames.OPENSEARCH_ENDPOINT, "http://127.0.0.1:9200")));

        assertInstanceOf(ApacheHttpClient5Transport.class, client._transport());
    }
}
