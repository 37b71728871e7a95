package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;

class PromptIndexAdminTest {

    private static OpenSearchClient client;
    private static PromptIndexAdmin admin;

    @BeforeAll
    static void connect() {
        client = OpenSearchClients.create(SearchFixture.env());
        admin = new PromptIndexAdmin(client, SearchFixture.ALIAS);
    }

    @BeforeEach
    void startWithoutIndex() throws IOException {
        if (client.indices().exists(r -> r.index(PromptIndexAdmin.INDEX)).value()) {
            client.indices().delete(r -> r.index(PromptIndexAdmin.INDEX));
        }
    }

    @Test
    void createsTheVersionedIndexBehindTheAliasOnce() throws IOException {
        assertTrue(admin.ensureIndex());
        assertFalse(admin.ensureIndex());

        var alias = client.indices().getAlias(r -> r.name(SearchFixture.ALIAS));
        assertEquals(Set.of(PromptIndexAdmin.INDEX), alias.result().keySet());
        var settings = client.indices().getSettings(r -> r.index(PromptIndexAdmin.INDEX)).result().get(PromptIndexAdmin.INDEX).settings();
        assertEquals(1, settings.index().numberOfShards());
        assertEquals(0, settings.index().numberOfReplicas());
    }

    @Test
    void appliesTheExplicitStrictMapping() throws IOException {
        admin.ensureIndex();

        var mapping = client.indices().getMapping(r -> r.index(SearchFixture.ALIAS)).result().get(PromptIndexAdmin.INDEX).mappings();
        Map<String, Property> fields = mapping.properties();

        assertEquals(DynamicMapping.Strict, mapping.dynamic());
        for (String keyword : new String[] {"id", "ownerId", "teamId", "tags", "model", "collectionIds", "visibility", "variables"}) {
            assertTrue(fields.get(keyword).isKeyword(), keyword);
        }
        assertTrue(fields.get("name").isText());
        assertEquals("folded", fields.get("name").text().fields().get("keyword").keyword().normalizer());
        assertEquals("folded_english", fields.get("content").text().fields().get("english").text().analyzer());
        assertEquals("folded", fields.get("description").text().analyzer());
        assertTrue(fields.get("createdAt").isDate());
        assertTrue(fields.get("revision").isLong());
        assertTrue(fields.get("totalCostUsd").isDouble());
        assertTrue(fields.get("favorite").isBoolean());
    }

    @Test
    void rejectsADocumentWithAFieldTheMappingDoesNotDeclare() {
        admin.ensureIndex();

        var error = assertThrows(OpenSearchException.class, () -> client.index(r -> r.index(SearchFixture.ALIAS).id("prm_strict")
                .document(Map.of("id", "prm_strict", "surprise", "field"))));
        assertEquals("strict_dynamic_mapping_exception", error.error().type());
    }

    @Test
    void addsTheAliasWhenOnlyTheIndexExists() throws IOException {
        admin.ensureIndex();
        client.indices().deleteAlias(r -> r.index(PromptIndexAdmin.INDEX).name(SearchFixture.ALIAS));

        assertFalse(admin.ensureIndex());
        assertTrue(client.indices().existsAlias(r -> r.name(SearchFixture.ALIAS)).value());
    }
}
