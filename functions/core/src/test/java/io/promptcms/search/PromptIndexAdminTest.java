package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
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
        client.indices().delete(r -> r.index(SearchFixture.ALIAS + "-v*").allowNoIndices(true));
    }

    @Test
    void createsTheVersionedIndexBehindTheAliasOnce() throws IOException {
        assertTrue(admin.ensureIndex());
        assertFalse(admin.ensureIndex());

        Set<String> indexes = client.indices().getAlias(r -> r.name(SearchFixture.ALIAS)).result().keySet();
        assertEquals(1, indexes.size());
        String index = indexes.iterator().next();
        assertTrue(index.matches("prompts-v" + PromptIndexAdmin.MAPPING_VERSION + "-\\d{14}"), index);
        var settings = client.indices().getSettings(r -> r.index(index)).result().get(index).settings();
        assertEquals(1, settings.index().numberOfShards());
        assertEquals(0, settings.index().numberOfReplicas());
    }

    @Test
    void appliesTheExplicitStrictMapping() throws IOException {
        admin.ensureIndex();

        var mapping = client.indices().getMapping(r -> r.index(SearchFixture.ALIAS)).result().values().iterator().next().mappings();
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
    void namesAnIndexAfterItsMappingVersion() {
        assertEquals(2, PromptIndexAdmin.mappingVersion("prompts-v2-20260105120000").orElseThrow());
        assertEquals(1, PromptIndexAdmin.mappingVersion("prompts-v1").orElseThrow(), "the name before indexes carried a timestamp");
        assertTrue(PromptIndexAdmin.mappingVersion("something-else").isEmpty());
    }

    @Test
    void twoIndexesCreatedInTheSameSecondGetDistinctNames() {
        String first = admin.createIndex();
        String second = admin.createIndex();

        assertNotEquals(first, second);
        assertTrue(first.compareTo(second) < 0, "names sort by creation: " + first + " " + second);
    }

    @Test
    void swapPointsTheAliasAtTheNewIndexAndDeletesTheOldOne() throws IOException {
        admin.ensureIndex();
        Set<String> old = admin.aliasedIndices();
        String fresh = admin.createIndex();

        assertEquals(old, admin.swap(fresh));
        assertEquals(Set.of(fresh), admin.aliasedIndices());
        assertFalse(client.indices().exists(r -> r.index(List.copyOf(old))).value());
        assertFalse(admin.outdated());
    }
}
