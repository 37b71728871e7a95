package io.promptcms.search;

import static io.promptcms.search.SearchFixture.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.Ids;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.TemplateTables;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reindex on a real DynamoDB (moto) table and a real OpenSearch node, under its own alias (the other search
 * tests keep theirs): the table wins, concurrent writes survive the swap, rejected documents are reported.
 */
class PromptReindexerTest {

    private static final String ALIAS = "reindex-test";

    private static LocalDynamoDb local;
    private static S3Client unreachableS3;
    private static S3ContentStore contents;
    private static DynamoDbClient dynamo;
    private static String promptsTable;
    private static OpenSearchClient client;
    private static PromptIndexAdmin admin;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        // content stays inline or gzip here: S3 is never called
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        contents = new S3ContentStore(unreachableS3, "bucket");
        client = OpenSearchClients.create(SearchFixture.env());
        admin = new PromptIndexAdmin(client, ALIAS);
    }

    @AfterAll
    static void stop() {
        unreachableS3.close();
        local.shutdown();
    }

    /** A fresh table and no index behind the alias before each test. */
    @BeforeEach
    void emptyTableAndIndex() throws IOException {
        String prefix = "r" + Ids.newId("t").substring(4, 12) + "-";
        promptsTable = TemplateTables.create(dynamo, prefix).prompts();
        client.indices().delete(r -> r.index(ALIAS + "-v*").allowNoIndices(true));
    }

    @Test
    void reindexLeavesTableAndIndexEqualAndReplacesTheOldIndex() throws IOException {
        admin.ensureIndex();
        Set<String> old = admin.aliasedIndices();
        StoredPrompt kept = store(prompt("prm_kept", "usr_a", 3, "Kept", "short text"));
        StoredPrompt large = contents.write(prompt("prm_large", "usr_a", 1, "Large", null),
                "needle " + "lorem ipsum dolor sit amet ".repeat(4000)); // > 64 KB: stored gzip-compressed
        assertTrue(large.contentGz() != null);
        store(large);
        // the old index is off: a stale revision of one prompt and a prompt the table no longer has
        PromptIndexer oldWriter = new PromptIndexer(client, ALIAS, contents);
        oldWriter.apply(List.of(new PromptIndexer.Upsert("1", prompt("prm_kept", "usr_a", 2, "Kept", "older")),
                new PromptIndexer.Upsert("2", prompt("prm_gone", "usr_a", 1, "Gone", "deleted long ago"))));
        assertFalse(reindexer().compare().equal());

        ReindexReport report = reindexer().reindex();

        assertTrue(report.swapped());
        assertEquals(old, report.replaced());
        assertEquals(2, report.tableItems());
        assertEquals(2, report.indexed());
        assertEquals(0, report.failed());
        assertTrue(report.comparison().equal(), report.comparison().toString());
        assertEquals(Set.of(report.index()), admin.aliasedIndices());
        assertFalse(client.indices().exists(r -> r.index(List.copyOf(old))).value(), "the old index is deleted");
        assertEquals(PromptIndexer.externalVersion(kept), get("prm_kept").version());
        assertTrue(String.valueOf(get("prm_large").source().get("content")).startsWith("needle lorem"), "gzip content is indexed as text");
    }

    @Test
    void compareNamesEveryKindOfDifference() {
        admin.ensureIndex();
        store(prompt("prm_same", "usr_a", 1, "Same", "x"));
        store(prompt("prm_missing", "usr_a", 1, "Missing", "x"));
        store(prompt("prm_stale", "usr_a", 2, "Stale", "x"));
        new PromptIndexer(client, ALIAS, contents).apply(List.of(
                new PromptIndexer.Upsert("1", prompt("prm_same", "usr_a", 1, "Same", "x")),
                new PromptIndexer.Upsert("2", prompt("prm_stale", "usr_a", 1, "Stale", "x")),
                new PromptIndexer.Upsert("3", prompt("prm_extra", "usr_a", 1, "Extra", "x"))));

        IndexComparison comparison = reindexer().compare();

        assertEquals(3, comparison.tableItems());
        assertEquals(3, comparison.indexDocuments());
        assertEquals(List.of("prm_missing"), comparison.missingFromIndex());
        assertEquals(List.of("prm_extra"), comparison.notInTable());
        assertEquals(List.of(new IndexComparison.VersionMismatch("prm_stale", 2, 1, 2L << 32, 1L << 32)), comparison.versionMismatches());
        assertFalse(comparison.equal());
    }

    @Test
    void writesDuringTheBuildAreNotLostAfterTheSwap() {
        admin.ensureIndex();
        for (int i = 0; i < 20; i++) {
            store(prompt("prm_" + i, "usr_a", 1, "Prompt " + i, "text " + i));
        }
        PromptIndexer streamIndexer = new PromptIndexer(client, ALIAS, contents);
        streamIndexer.apply(dynamo.scanPaginator(r -> r.tableName(promptsTable)).items().stream()
                .map(PromptTable::read).map(item -> new PromptIndexer.Upsert(item.id(), item)).toList());
        AtomicBoolean wrote = new AtomicBoolean();
        // while the Scan reads the table, another writer edits, deletes and creates prompts, and the stream indexer
        // applies those changes through the alias: into the old index, which the swap is about to drop
        ContentReader writingMeanwhile = item -> {
            if (wrote.compareAndSet(false, true)) {
                StoredPrompt read = PromptTable.read(dynamo.getItem(new PromptTable(promptsTable).get("prm_0")).item());
                PromptFields f = read.fields();
                var renamed = new PromptFields("Edited during the reindex", f.content(), f.description(), f.tags(), f.model(),
                        f.variables(), f.metadata());
                StoredPrompt edited = store(read.toBuilder().revision(read.revision() + 1).fields(renamed).build());
                StoredPrompt deleted = PromptTable.read(dynamo.deleteItem(r -> r.tableName(promptsTable)
                        .key(new PromptTable(promptsTable).get("prm_1").key()).returnValues(ReturnValue.ALL_OLD)).attributes());
                StoredPrompt created = store(prompt("prm_new", "usr_a", 1, "Created during the reindex", "new"));
                streamIndexer.apply(List.of(new PromptIndexer.Upsert("e", edited), new PromptIndexer.Delete("d", deleted),
                        new PromptIndexer.Upsert("c", created)));
            }
            return contents.read(item);
        };

        ReindexReport report = new PromptReindexer(dynamo, promptsTable, writingMeanwhile, client, admin, 2, Clock.systemUTC()).reindex();

        assertTrue(report.swapped());
        assertTrue(report.comparison().equal(), report.comparison().toString());
        assertTrue(report.repaired() >= 1, "the scan read at least one of the changes too early: " + report);
        assertEquals("Edited during the reindex", get("prm_0").source().get("name"));
        assertFalse(get("prm_1").found());
        assertTrue(get("prm_new").found());
    }

    @Test
    void aDocumentTheIndexRejectsIsReportedAndTheRestIsIndexed() {
        admin.ensureIndex();
        store(prompt("prm_fine", "usr_a", 1, "Fine", "x"));
        StoredPrompt broken = prompt("prm_broken", "usr_a", 1, "Broken", "x").toBuilder()
                .createdAt("the day before yesterday") // the mapping's date field refuses it
                .build();
        store(broken);

        ReindexReport report = reindexer().reindex();

        assertEquals(2, report.tableItems());
        assertEquals(1, report.indexed());
        assertEquals(1, report.failed());
        PromptIndexer.Failure failure = report.failures().getFirst();
        assertEquals("prm_broken", failure.recordId());
        assertEquals(400, failure.status());
        assertTrue(failure.reason().contains("mapper_parsing_exception"), failure.reason());
        assertTrue(report.swapped(), "a rejected document is no reason to keep the old index");
        assertEquals(List.of("prm_broken"), report.comparison().missingFromIndex());
        assertTrue(get("prm_fine").found());
    }

    @Test
    void ensureIndexRebuildsAnIndexOfAnOlderMappingFromTheTable() throws IOException {
        store(prompt("prm_a", "usr_a", 1, "A", "x"));
        store(prompt("prm_b", "usr_a", 4, "B", "y"));
        String legacy = ALIAS + "-v0";
        client.indices().create(r -> r.index(legacy).aliases(ALIAS, a -> a.isWriteIndex(true)));

        assertEquals(PromptReindexer.Outcome.REBUILT, reindexer().ensureIndex());

        Set<String> now = admin.aliasedIndices();
        assertEquals(1, now.size());
        assertTrue(now.iterator().next().startsWith(ALIAS + "-v" + PromptIndexAdmin.MAPPING_VERSION + "-"), now.toString());
        assertFalse(client.indices().exists(r -> r.index(legacy)).value());
        assertTrue(reindexer().compare().equal());
        assertEquals(PromptReindexer.Outcome.CURRENT, reindexer().ensureIndex());
    }

    @Test
    void ensureIndexFillsANewIndexWhenTheTableAlreadyHoldsPrompts() {
        store(prompt("prm_a", "usr_a", 1, "A", "x"));

        assertEquals(PromptReindexer.Outcome.CREATED, reindexer().ensureIndex());

        assertTrue(reindexer().compare().equal());
        assertEquals(1, reindexer().compare().indexDocuments());
    }

    private static PromptReindexer reindexer() {
        return new PromptReindexer(dynamo, promptsTable, contents, client, admin, 3, Clock.systemUTC());
    }

    private static StoredPrompt store(StoredPrompt item) {
        dynamo.putItem(r -> r.tableName(promptsTable).item(PromptTable.item(item)));
        return item;
    }

    @SuppressWarnings("rawtypes")
    private static GetResponse<Map> get(String id) {
        try {
            return client.get(r -> r.index(ALIAS).id(id), Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
