package io.promptcms.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.engine.SharedEngines;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.StoredPrompt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;

/** The test node's client with the prompts index in place, and prompt items to index. */
final class SearchFixture {

    static final String ALIAS = "prompts";

    /** Prompt content kept in the item itself, the way small content is stored. */
    static final ContentReader INLINE_CONTENT = item -> item.fields().content();

    private SearchFixture() {
    }

    static Env env() {
        return Env.of(Map.of(EnvNames.OPENSEARCH_ENDPOINT, SharedEngines.openSearchUrl(), EnvNames.OPENSEARCH_ALIAS, ALIAS));
    }

    static OpenSearchClient clientWithIndex() {
        OpenSearchClient client = OpenSearchClients.create(env());
        new PromptIndexAdmin(client, ALIAS).ensureIndex();
        return client;
    }

    /**
     * A new index of the current definition behind its own alias {@code name}, for a test that needs to know every
     * document in it (the shared alias holds other tests' prompts too).
     */
    static void freshIndex(OpenSearchClient client, String name) {
        try (InputStream in = SearchFixture.class.getResourceAsStream("/search/prompts-v" + PromptIndexAdmin.MAPPING_VERSION + ".json")) {
            var definition = (ObjectNode) OpenSearchClients.MAPPER.readTree(in);
            definition.putObject("aliases").putObject(name);
            var request = Requests.builder().method("PUT").endpoint("/" + name + "-index")
                    .json(OpenSearchClients.MAPPER.writeValueAsString(definition)).build();
            try (var response = client.generic().execute(request)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("cannot create index " + name + ": HTTP " + response.getStatus());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StoredPrompt prompt(String id, String ownerId, long revision, String name, String content) {
        return prompt(id, ownerId, revision, new PromptFields(name, content, "", List.of(), null, null, null));
    }

    static StoredPrompt prompt(String id, String ownerId, long revision, PromptFields fields) {
        return StoredPrompt.builder()
                .id(id)
                .ownerId(ownerId)
                .fields(fields)
                .visibility("private")
                .version(1L)
                .revision(revision)
                .favorite(false)
                .createdAt("2026-01-05T10:00:00.000Z")
                .updatedAt("2026-01-05T10:00:00.000Z")
                .usageCount(0L)
                .totalCostUsd(0.0)
                .build();
    }

    static void refresh(OpenSearchClient client) {
        refresh(client, ALIAS);
    }

    static void refresh(OpenSearchClient client, String alias) {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
