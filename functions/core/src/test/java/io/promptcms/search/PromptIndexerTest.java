package io.promptcms.search;

import static io.promptcms.search.SearchFixture.ALIAS;
import static io.promptcms.search.SearchFixture.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptItem;
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
        PromptItem item = prompt(newId(), "usr_a", 3, "Release notes", "Summarise the changes");
        item.setTags(List.of("writing", "release"));
        item.setTeamId("tea_1");

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("1", item))));

        GetResponse<Map> stored = get(item.getId());
        assertEquals(3L << 32, stored.version());
        assertEquals("Summarise the changes", stored.source().get("content"));
        assertEquals(List.of("writing", "release"), stored.source().get("tags"));
        assertEquals("tea_1", stored.source().get("teamId"));
        assertFalse(stored.source().containsKey("model"), "null fields are left out");
    }

    @Test
    void deleteRemovesThePrompt() throws IOException {
        PromptItem item = prompt(newId(), "usr_a", 1, "Doomed", "text");
        indexer.apply(List.of(new Upsert("1", item)));

        assertEquals(Set.of(), indexer.apply(List.of(new Delete("2", item))));

        assertFalse(get(item.getId()).found());
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
        PromptItem revision2 = prompt(id, "usr_a", 2, "Gone", "text");
        indexer.apply(List.of(new Upsert("1", revision2), new Delete("2", revision2)));

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("3", revision2))));

        assertFalse(get(id).found());
    }

    @Test
    void countedUsageReplacesTheSameRevisionAndALateStateWithLessUsageLoses() throws IOException {
        String id = newId();
        PromptItem edited = prompt(id, "usr_a", 2, "Run me", "text");
        PromptItem run = prompt(id, "usr_a", 2, "Run me", "text");
        run.setUsageCount(3L);
        run.setUsageRevision(3L);
        PromptItem runLessOften = prompt(id, "usr_a", 2, "Run me", "text");
        runLessOften.setUsageCount(1L);
        runLessOften.setUsageRevision(1L);
        indexer.apply(List.of(new Upsert("1", edited), new Upsert("2", run)));

        assertEquals(Set.of(), indexer.apply(List.of(new Upsert("3", runLessOften))));

        assertEquals(3, get(id).source().get("usageCount"));
        assertEquals((2L << 32) + 3, get(id).version());
        PromptItem editedAgain = prompt(id, "usr_a", 3, "Renamed", "text");
        indexer.apply(List.of(new Upsert("4", editedAgain)));
        assertEquals("Renamed", get(id).source().get("name"), "an edit outranks any usage of the revision before");
    }

    @Test
    void redeliveredBatchIsHarmless() throws IOException {
        String id = newId();
        PromptItem created = prompt(id, "usr_a", 1, "First", "one");
        PromptItem modified = prompt(id, "usr_a", 2, "Second", "two");
        List<PromptIndexer.Change> batch = List.of(new Upsert("1", created), new Upsert("2", modified));
        indexer.apply(batch);

        assertEquals(Set.of(), indexer.apply(batch));

        assertEquals("Second", get(id).source().get("name"));
        assertEquals(2L << 32, get(id).version());
    }

    @Test
    void itemTheIndexRejectsFailsAloneWhileTheRestOfTheBulkIsApplied() throws IOException {
        PromptItem good = prompt(newId(), "usr_a", 1, "Good", "fine");
        PromptItem bad = prompt(newId(), "usr_a", 1, "Bad", "broken date");
        bad.setCreatedAt("yesterday");
        PromptItem alsoGood = prompt(newId(), "usr_a", 1, "Also good", "fine");

        Set<String> failed = indexer.apply(List.of(new Upsert("1", good), new Upsert("2", bad), new Upsert("3", alsoGood)));

        assertEquals(Set.of("2"), failed);
        assertTrue(get(good.getId()).found());
        assertTrue(get(alsoGood.getId()).found());
        assertFalse(get(bad.getId()).found());
    }

    @Test
    void unreadableContentFailsOnlyThatRecord() throws IOException {
        PromptItem readable = prompt(newId(), "usr_a", 1, "Readable", "here");
        PromptItem missing = prompt(newId(), "usr_a", 1, "In S3", null);
        missing.setContentRef("content/missing");
        ContentReader failingForRefs = item -> {
            if (item.getContentRef() != null) {
                throw new IllegalStateException("S3 object " + item.getContentRef() + " not found");
            }
            return item.getContent();
        };

        Set<String> failed = new PromptIndexer(client, ALIAS, failingForRefs)
                .apply(List.of(new Upsert("1", missing), new Upsert("2", readable)));

        assertEquals(Set.of("1"), failed);
        assertTrue(get(readable.getId()).found());
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
            assertTrue(get(((Upsert) change).item().getId()).found());
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
