package io.promptcms.duplicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Ids;
import io.promptcms.duplicate.SimilarCandidates.Text;
import io.promptcms.local.engine.SharedEngines;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.Prompt;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.OpenSearchSimilarCandidates;
import io.promptcms.search.PromptIndexAdmin;
import io.promptcms.search.PromptIndexer;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.SteppingClock;
import io.promptcms.testing.TemplateTables;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Duplicate detection over a small library with known near-duplicates and non-duplicates, stored in DynamoDB (moto)
 * (tables from template.yaml) and indexed in a real OpenSearch node.
 */
class DuplicateFinderTest {

    private static final String ALIAS = "prompts";
    private static final String SUPPORT = "You are a support agent. Read the customer's message, find the product they mean, check the order "
            + "history and answer politely in two short paragraphs, offering a refund when the delivery was late.";

    private static LocalDynamoDb local;
    private static S3Client unreachableS3;
    private static PromptRepository repository;
    private static S3ContentStore contents;
    private static DuplicateFinder finder;
    private static final String ALICE = "usr_alice_" + Ids.newId("t");
    private static final String BOB = "usr_bob_" + Ids.newId("t");
    private static Prompt original;
    private static Prompt exactCopy;
    private static Prompt oneWordChanged;
    private static Prompt extended;
    private static Prompt sameTopic;
    private static Prompt unrelated;
    private static Prompt bobsCopy;

    @BeforeAll
    static void storeAndIndexTheLibrary() throws IOException {
        local = LocalDynamoDb.create();
        DynamoDbClient dynamo = local.dynamoDbClient();
        TemplateTables tables = TemplateTables.create(dynamo, "dup-");
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        repository = new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), tables.prompts(), tables.versions());
        contents = new S3ContentStore(unreachableS3, "bucket");
        var prompts = new PromptService(repository, contents, new DynamoCollectionLookup(dynamo, tables.collections()),
                new SteppingClock(Instant.parse("2026-01-01T00:00:00Z")));

        original = prompts.create(ALICE, input("Support reply", SUPPORT));
        exactCopy = prompts.create(ALICE, input("Support reply (copy)", "  " + SUPPORT.toUpperCase().replace(" ", "\n ") + " "));
        oneWordChanged = prompts.create(ALICE, input("Support reply, kind", SUPPORT.replace("politely", "kindly")));
        extended = prompts.create(ALICE, input("Support reply with signature",
                SUPPORT + " Sign with the team name and add the ticket number at the end."));
        sameTopic = prompts.create(ALICE, input("Support triage", "You are a support agent. Classify the customer's message as billing, "
                + "delivery or product question and route it to the right team."));
        unrelated = prompts.create(ALICE, input("Haiku", "Write a haiku about autumn leaves falling on a quiet pond."));
        bobsCopy = prompts.create(BOB, input("Support reply", SUPPORT));

        OpenSearchClient client = OpenSearchClients.create(Env.of(Map.of(EnvNames.OPENSEARCH_ENDPOINT, SharedEngines.openSearchUrl())));
        new PromptIndexAdmin(client, ALIAS).ensureIndex();
        var items = repository.getAll(List.of(original.id(), exactCopy.id(), oneWordChanged.id(), extended.id(), sameTopic.id(),
                unrelated.id(), bobsCopy.id()));
        var changes = items.values().stream().map(item -> new PromptIndexer.Upsert(item.id(), item)).toList();
        assertEquals(Set.of(), new PromptIndexer(client, ALIAS, contents).apply(changes));
        client.indices().refresh(r -> r.index(ALIAS));
        finder = new DuplicateFinder(repository, contents, new OpenSearchSimilarCandidates(client, ALIAS));
    }

    @AfterAll
    static void stop() {
        unreachableS3.close();
        local.shutdown();
    }

    private static PromptInput input(String name, String content) {
        return PromptInput.of(name, content, null, null, null, null, null, null, null);
    }

    private static Text textOf(Prompt prompt) {
        return Text.of(prompt.fields());
    }

    private static List<String> ids(SimilarPrompts found) {
        return found.items().stream().map(SimilarPrompt::id).toList();
    }

    @Test
    void ranksTheExactCopyFirstThenNearDuplicatesByCalibratedSimilarity() {
        SimilarPrompts found = finder.find(ALICE, original.id(), textOf(original), 10);

        assertTrue(found.complete());
        assertEquals(List.of(exactCopy.id(), oneWordChanged.id(), extended.id()), ids(found));
        SimilarPrompt exact = found.items().get(0);
        assertTrue(exact.exact());
        assertEquals(1.0, exact.similarity());
        SimilarPrompt near = found.items().get(1);
        assertFalse(near.exact());
        assertTrue(near.similarity() >= 0.8 && near.similarity() < 1, "one changed word: " + near.similarity());
        SimilarPrompt longer = found.items().get(2);
        assertTrue(longer.similarity() >= DuplicateFinder.SIMILAR && longer.similarity() < near.similarity(), "extended: " + longer.similarity());
    }

    @Test
    void promptsOnTheSameTopicButOtherwiseWordedAreNotSimilar() {
        List<String> found = ids(finder.find(ALICE, original.id(), textOf(original), 10));

        assertFalse(found.contains(sameTopic.id()));
        assertFalse(found.contains(unrelated.id()));
        assertFalse(found.contains(original.id()), "a prompt is not its own duplicate");
    }

    @Test
    void anotherOwnersIdenticalPromptIsNeverReported() {
        assertFalse(ids(finder.find(ALICE, null, textOf(original), 10)).contains(bobsCopy.id()));
        assertEquals(List.of(), ids(finder.find(BOB, bobsCopy.id(), textOf(bobsCopy), 10)));
    }

    @Test
    void nearDuplicatesAreTheExactOnesAndThoseFromNinetyPercentOn() {
        SimilarPrompts found = finder.find(ALICE, null, new Text("New", SUPPORT.replace("politely", "kindly"), null), 10);

        assertEquals(oneWordChanged.id(), found.items().get(0).id());
        assertEquals(List.of(oneWordChanged.id()), found.nearDuplicates().stream().map(SimilarPrompt::id).toList());
        assertTrue(found.items().stream().filter(match -> !match.exact()).allMatch(match -> match.similarity() < SimilarPrompt.NEAR_DUPLICATE),
                found.toString());
        assertTrue(found.items().size() > 1, "the original and its copy are similar, not near-duplicates: " + found);
    }

    @Test
    void withTheSearchIndexUnreachableExactDuplicatesAreStillFound() {
        OpenSearchClient down = OpenSearchClients.create(Env.of(Map.of(EnvNames.OPENSEARCH_ENDPOINT, "http://127.0.0.1:9")));
        var degraded = new DuplicateFinder(repository, contents, new OpenSearchSimilarCandidates(down, ALIAS));

        SimilarPrompts found = degraded.find(ALICE, original.id(), textOf(original), 10);

        assertFalse(found.complete());
        assertEquals(List.of(exactCopy.id()), ids(found));
        assertTrue(found.items().get(0).exact());
    }

    @Test
    void limitCutsTheRankedList() {
        assertEquals(List.of(exactCopy.id()), ids(finder.find(ALICE, original.id(), textOf(original), 1)));
    }
}
