package io.promptcms.search;

import static io.promptcms.search.SearchFixture.ALIAS;
import static io.promptcms.search.SearchFixture.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.PromptIndexer.Delete;
import io.promptcms.search.PromptIndexer.Upsert;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;

class PromptIndexerTest {

    private static OpenSearchClient client;
    private static PromptIndexer indexer;

    @BeforeAll
    static void index() {
        client = SearchFixture.clientWithIndex();
        indexer = new PromptIndexer(client, ALIAS, SearchFixture.INLINE_CONTENT);
    }

    @Test
    void upsertIndexesThePromptAtItsRevision() throws IOException {
        StoredPrompt item = prompt(newId(), "usr_a", 3, new PromptFields("Release notes", "Summarise the changes", "",
                List.of("writing", "release"), null, null, null)).toBuilder()
                .teamId("tea_1")
                .build();

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("1", item))));

        GetResponse<Map> stored = get(item.id());
        assertEquals(3L << 32, stored.version());
        assertEquals("Summarise the changes", stored.source().get("content"));
        assertEquals(List.of("writing", "release"), stored.source().get("tags"));
        assertEquals("tea_1", stored.source().get("teamId"));
        assertFalse(stored.source().containsKey("model"), "null fields are left out");
    }

    @Test
    void deleteRemovesThePrompt() throws IOException {
        StoredPrompt item = prompt(newId(), "usr_a", 1, "Doomed", "text");
        indexer.apply(List.of(new Upsert("1", item)));

        assertEquals(Set.of(), indexer.apply(List.of(new Delete("2", item))));

        assertFalse(get(item.id()).found());
    }

    @Test
    void olderRevisionArrivingLateDoesNotOverwriteANewerOne() throws IOException {
        String id = newId();
        indexer.apply(List.of(new Upsert("1", prompt(id, "usr_a", 5, "Newest", "v5"))));

        Set<String> failed = indexer.apply(List.of(new Upsert("2", prompt(id, "usr_a", 4, "Older", "v4"))));

        assertEquals(Set.of(), failed, "a stale change is already applied, not a failure");
        assertEquals("Newest", get(id).source().get("name"));
        assertEquals(5L << 32, get(id).version());
    }

    @Test
    void lateUpsertOfAnEarlierStateDoesNotResurrectADeletedPrompt() throws IOException {
        String id = newId();
        StoredPrompt revision2 = prompt(id, "usr_a", 2, "Gone", "text");
        indexer.apply(List.of(new Upsert("1", revision2), new Delete("2", revision2)));

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("3", revision2))));

        assertFalse(get(id).found());
    }

    @Test
    void countedUsageReplacesTheSameRevisionAndALateStateWithLessUsageLoses() throws IOException {
        String id = newId();
        StoredPrompt edited = prompt(id, "usr_a", 2, "Run me", "text");
        StoredPrompt run = prompt(id, "usr_a", 2, "Run me", "text").toBuilder()
                .usageCount(3L)
                .usageRevision(3L)
                .build();
        StoredPrompt runLessOften = prompt(id, "usr_a", 2, "Run me", "text").toBuilder()
                .usageCount(1L)
                .usageRevision(1L)
                .build();
        indexer.apply(List.of(new Upsert("1", edited), new Upsert("2", run)));

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("3", runLessOften))));

        assertEquals(3, get(id).source().get("usageCount"));
        assertEquals((2L << 32) + 3, get(id).version());
        StoredPrompt editedAgain = prompt(id, "usr_a", 3, "Renamed", "text");
        indexer.apply(List.of(new Upsert("4", editedAgain)));
        assertEquals("Renamed", get(id).source().get("name"), "an edit outranks any usage of the revision before");
    }

    @Test
    void redeliveredBatchIsHarmless() throws IOException {
        String id = newId();
        StoredPrompt created = prompt(id, "usr_a", 1, "First", "one");
        StoredPrompt modified = prompt(id, "usr_a", 2, "Second", "two");
        List<PromptIndexer.Change> batch = List.of(new Upsert("1", created), new Upsert("2", modified));
        indexer.apply(batch);

        assertEquals(Set.of(), indexer.apply(batch));

        assertEquals("Second", get(id).source().get("name"));
        assertEquals(2L << 32, get(id).version());
    }

    @Test
    void itemTheIndexRejectsFailsAloneWhileTheRestOfTheBulkIsApplied() throws IOException {
        StoredPrompt good = prompt(newId(), "usr_a", 1, "Good", "fine");
        StoredPrompt bad = prompt(newId(), "usr_a", 1, "Bad", "broken date").toBuilder()
                .createdAt("yesterday")
                .build();
        StoredPrompt alsoGood = prompt(newId(), "usr_a", 1, "Also good", "fine");

        Set<String> failed = indexer.apply(List.of(new Upsert("1", good), new Upsert("2", bad), new Upsert("3", alsoGood)));

        assertEquals(Set.of("2"), failed);
        assertTrue(get(good.id()).found());
        assertTrue(get(alsoGood.id()).found());
        assertFalse(get(bad.id()).found());
    }

    @Test
    void unreadableContentFailsOnlyThatRecord() throws IOException {
        StoredPrompt readable = prompt(newId(), "usr_a", 1, "Readable", "here");
        StoredPrompt missing = prompt(newId(), "usr_a", 1, "In S3", null).toBuilder()
                .contentRef("content/missing")
                .build();
        ContentReader failingForRefs = item -> {
            if (item.contentRef() != null) {
                throw new IllegalStateException("S3 object " + item.contentRef() + " not found");
            }
            return item.fields().content();
        };

        Set<String> failed = new PromptIndexer(client, ALIAS, failingForRefs)
                .apply(List.of(new Upsert("1", missing), new Upsert("2", readable)));

        assertEquals(Set.of("1"), failed);
        assertTrue(get(readable.id()).found());
    }

    @Test
    void closedIndexFailsEveryRecord() throws IOException {
        String closed = "closed-" + UUID.randomUUID();
        client.indices().create(r -> r.index(closed).settings(s -> s.numberOfReplicas(0)));
        client.indices().close(r -> r.index(closed));

        Set<String> failed = new PromptIndexer(client, closed, SearchFixture.INLINE_CONTENT).apply(List.of(
                new Upsert("1", prompt(newId(), "usr_a", 1, "A", "a")),
                new Delete("2", prompt(newId(), "usr_a", 1, "B", "b"))));

        assertEquals(Set.of("1", "2"), failed);
    }

    @Test
    void batchLargerThanOneBulkIsSplitAndFullyApplied() throws IOException {
        String content = "lorem ipsum dolor ".repeat(28_000); // ~500 KB, the largest content a prompt has
        List<PromptIndexer.Change> batch = new ArrayList<>();
        for (int i = 0; i < 14; i++) { // ~7 MB: more than one bulk
            batch.add(new Upsert(String.valueOf(i), prompt(newId(), "usr_big", 1, "Big " + i, content)));
        }

        assertEquals(Set.of(), indexer.apply(batch));

        for (PromptIndexer.Change change : batch) {
            assertTrue(get(((Upsert) change).item().id()).found());
        }
    }

    @SuppressWarnings("rawtypes")
    private static GetResponse<Map> get(String id) throws IOException {
        return client.get(r -> r.index(ALIAS).id(id), Map.class);
    }

    private static String newId() {
        return "prm_" + UUID.randomUUID();
    }
}
