package io.promptcms.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.common.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;

/**
 * Creates the prompts index from its versioned definition ({@code search/prompts-v<N>.json}) and points the alias
 * at it. Everything else reads and writes through the alias, so a reindex can build {@code prompts-v2} and swap
 * the alias without downtime. Safe to run at every start and concurrently.
 */
public final class PromptIndexAdmin {

    /** The mapping version in use: {@code search/prompts-v<N>.json}; older definitions stay in the repo as history. */
    public static final int MAPPING_VERSION = 2;
    public static final String INDEX = "prompts-v" + MAPPING_VERSION;
    private static final String DEFINITION = "/search/" + INDEX + ".json";

    private final OpenSearchClient client;
    private final String alias;

    public PromptIndexAdmin(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    public static PromptIndexAdmin create(Env env) {
        return new PromptIndexAdmin(OpenSearchClients.create(env), env.require(OpenSearchClients.ALIAS));
    }

    /** Creates the index with the alias if the alias does not exist yet; returns whether it created the index. */
    public boolean ensureIndex() {
        try {
            if (client.indices().existsAlias(r -> r.name(alias)).value()) {
                return false;
            }
            if (client.indices().exists(r -> r.index(INDEX)).value()) {
                putAlias();
                return false;
            }
            return create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach OpenSearch to ensure index " + INDEX, e);
        }
    }

    private boolean create() throws IOException {
        ObjectNode body = definition();
        // the alias is created with the index, atomically; it is the write index so a reindex can add a second one
        body.putObject("aliases").putObject(alias).put("is_write_index", true);
        var request = Requests.builder().method("PUT").endpoint("/" + INDEX).json(OpenSearchClients.MAPPER.writeValueAsString(body)).build();
        try (var response = client.generic().execute(request)) {
            if (response.getStatus() == 200) {
                return true;
            }
            String error = response.getBody().map(Body::bodyAsString).orElse("");
            if (error.contains("resource_already_exists_exception")) {
                putAlias(); // a concurrent bootstrap created the index between our check and our create
                return false;
            }
            throw new IllegalStateException("cannot create index " + INDEX + ": HTTP " + response.getStatus() + " " + error);
        }
    }

    private void putAlias() throws IOException {
        client.indices().putAlias(r -> r.index(INDEX).name(alias).isWriteIndex(true));
    }

    private static ObjectNode definition() throws IOException {
        try (InputStream in = PromptIndexAdmin.class.getResourceAsStream(DEFINITION)) {
            if (in == null) {
                throw new IllegalStateException(DEFINITION + " is not on the classpath");
            }
            return (ObjectNode) OpenSearchClients.MAPPER.readTree(in);
        }
    }
}
