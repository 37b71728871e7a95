package io.promptcms.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.SteppingClock;
import io.promptcms.testing.TemplateTables;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.s3.S3Client;

class PromptServiceTest {

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;
    private static TemplateTables tables;
    private static S3Client unreachableS3;
    private static PromptRepository repository;
    private static PromptService service;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        tables = TemplateTables.create(dynamo, "svc-");
        // Content in these tests stays inline or gzip: S3 is never called, and would fail loudly if it were.
        unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        repository = new PromptRepository(dynamo, enhanced, tables.prompts(), tables.versions());
        service = new PromptService(repository, new S3ContentStore(unreachableS3, "bucket"),
                new DynamoCollectionLookup(dynamo, tables.collections()), new SteppingClock(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @AfterAll
    static void stopDynamo() {
        unreachableS3.close();
        local.shutdown();
    }

    private static String newUser() {
        return "usr_" + Ids.newId("t");
    }

    private static PromptInput input(String name, String content) {
        return PromptInput.of(name, content, null, null, null, null, null, null, null);
    }

    private static ApiException failure(Runnable call) {
        return assertThrows(ApiException.class, call::run);
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void createStoresTheFirstVersionAndAnswersTheFullView() {
        String user = newUser();
        Prompt created = service.create(user, PromptInput.of("  Greeter ", "Hello {{name}}, from {{place}} to {{name}}", "says hi",
                List.of(" a ", "b", "a"), "gpt-4o", null, "public", null, Map.of("lang", "en")));

        assertTrue(Ids.looksLike("prm", created.id()));
        assertEquals("Greeter", created.fields().name());
        assertEquals(List.of("name", "place"), created.fields().variables());
        assertEquals(List.of("a", "b"), created.fields().tags());
        assertEquals("public", created.visibility());
        assertEquals(1, created.status().version());
        assertEquals(1, created.status().revision());
        assertEquals(user, created.status().createdBy());
        assertEquals(0, created.status().usageCount());
        assertEquals(created, service.get(user, created.id()));
        PromptVersion first = service.version(user, created.id(), 1);
        assertEquals(created.fields().content(), first.fields().content());
        assertEquals("Greeter", first.fields().name());
    }

    @Test
    void explicitVariablesReplaceTheDerivedOnes() {
        Prompt created = service.create(newUser(), PromptInput.of("n", "Hi {{a}}", null, null, null, null, null, List.of("x", "y"), null));
        assertEquals(List.of("x", "y"), created.fields().variables());
    }

    @Test
    void validationNamesEveryInvalidField() {
        String user = newUser();
        List<String> tooManyTags = Collections.nCopies(51, "t");
        var e = failure(() -> service.create(user, PromptInput.of(" ", "x".repeat(PromptValidator.MAX_CONTENT_BYTES + 1),
                "d".repeat(5001), tooManyTags, "m".repeat(201), List.of("col_doesnotexist000000"), "team", null,
                Map.of("k", "v".repeat(17 * 1024)))));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of("name", "content", "description", "model", "tags", "metadata", "visibility", "collectionIds[0]"), fields(e));
        assertEquals("teams are not available yet", e.errors().get(6).message());
        assertEquals("collection not found", e.errors().get(7).message());
    }

    @Test
    void blankAndOverlongTagsAreReportedByPosition() {
        var e = failure(() -> service.create(newUser(), PromptInput.of("n", "c", null, List.of("ok", " ", "t".repeat(65)), null, null, null, null, null)));
        assertEquals(List.of("tags[1]", "tags[2]"), fields(e));
    }

    @Test
    void missingNameAndContentAreRequired() {
        var e = failure(() -> service.create(newUser(), input(null, null)));
        assertEquals(List.of("name", "content"), fields(e));
        assertEquals(List.of("visibility"), fields(failure(() -> service.create(newUser(),
                PromptInput.of("n", "c", null, null, null, null, "secret", null, null)))));
    }

    @Test
    void contentOfExactly512KilobytesIsAccepted() {
        String content = "é".repeat(PromptValidator.MAX_CONTENT_BYTES / 2);
        Prompt created = service.create(newUser(), input("big", content));
        assertEquals(content, created.fields().content());
    }

    @Test
    void onlyTheCallersCollectionsCanBeUsed() {
        String user = newUser();
        String mine = Ids.newId("col");
        String theirs = Ids.newId("col");
        putCollection(mine, user);
        putCollection(theirs, newUser());

        assertEquals(List.of(mine), service.create(user, PromptInput.of("n", "c", null, null, null, List.of(mine), null, null, null)).collectionIds());
        var e = failure(() -> service.create(user, PromptInput.of("n", "c", null, null, null, List.of(mine, theirs), null, null, null)));
        assertEquals(List.of(new FieldError("collectionIds[1]", "collection not found")), e.errors());
    }

    @Test
    void listIsNewestFirstAndPagesWithACursor() {
        String user = newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(service.create(user, input("p" + i, "content " + i)).id());
        }
        service.create(newUser(), input("someone else's", "x"));
        Collections.reverse(ids);

        var first = service.list(user, 2, null);
        var second = service.list(user, 2, first.nextCursor());
        var third = service.list(user, 2, second.nextCursor());

        List<String> listed = new ArrayList<>();
        for (var page : List.of(first, second, third)) {
            page.items().forEach(item -> listed.add(item.id()));
        }
        assertEquals(ids, listed);
        assertNull(third.nextCursor());
        assertEquals("content 4", first.items().get(0).contentPreview());
        assertEquals(9, first.items().get(0).contentLength());
    }

    @Test
    void anUpdatedPromptMovesToTheTopOfTheList() {
        String user = newUser();
        Prompt older = service.create(user, input("older", "a"));
        service.create(user, input("newer", "b"));
        service.update(user, older.id(), input("older", "a2"), RevisionCondition.NONE);
        var page = service.list(user, 10, null);
        assertEquals(older.id(), page.items().get(0).id());
    }

    @Test
    void ownerListingFiltersByFavoriteTagAndCollection() {
        String user = newUser();
        String collection = Ids.newId("col");
        putCollection(collection, user);
        Prompt tagged = service.create(user, PromptInput.of("tagged", "c", null, List.of("x"), null, null, null, null, null));
        Prompt filed = service.create(user, PromptInput.of("filed", "c", null, null, null, List.of(collection), null, null, null));
        Prompt liked = service.create(user, input("liked", "c"));
        service.setFavorite(user, liked.id(), true, RevisionCondition.NONE);

        assertEquals(List.of(tagged.id()), listedIds(user, new ListFilter(false, null, "x"), 1));
        assertEquals(List.of(filed.id()), listedIds(user, new ListFilter(false, collection, null), 1));
        assertEquals(List.of(liked.id()), listedIds(user, new ListFilter(true, null, null), 1));
    }

    /** All pages of a filtered owner listing (what an export reads), one item per page, to exercise cursors across filtered-out items. */
    private static List<String> listedIds(String user, ListFilter filter, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = repository.listByOwner(user, filter, limit, cursor);
            page.items().forEach(item -> ids.add(item.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void aCursorOfAnotherOwnerOrGarbageIsABadRequest() {
        String owner = newUser();
        service.create(owner, input("a", "a"));
        service.create(owner, input("b", "b"));
        String cursor = service.list(owner, 1, null).nextCursor();
        assertNotNull(cursor);

        assertEquals(ProblemType.VALIDATION, failure(() -> service.list(newUser(), 1, cursor)).type());
        assertEquals(ProblemType.VALIDATION, failure(() -> service.list(owner, 1, "%%%")).type());
    }

    @Test
    void updateMakesAVersionOnlyWhenAVersionedFieldChanges() {
        String user = newUser();
        Prompt created = service.create(user, input("n", "c"));

        Prompt same = service.update(user, created.id(), input("n", "c"), RevisionCondition.NONE);
        assertEquals(1, same.status().revision());

        Prompt published = service.update(user, created.id(), PromptInput.of("n", "c", null, null, null, null, "public", null, null), RevisionCondition.NONE);
        assertEquals(2, published.status().revision());
        assertEquals(1, published.status().version());

        Prompt edited = service.update(user, created.id(), PromptInput.of("n", "c2", null, null, null, null, "public", null, null), RevisionCondition.ifMatch("\"2\""));
        assertEquals(3, edited.status().revision());
        assertEquals(2, edited.status().version());
        assertEquals(List.of(2L, 1L), versionNumbers(user, created.id()));
        assertEquals("c", service.version(user, created.id(), 1).fields().content());
    }

    private static List<Long> versionNumbers(String user, String id) {
        return service.versions(user, id, 100, null).items().stream().map(VersionSummary::version).toList();
    }

    @Test
    void staleIfMatchChangesNothing() {
        String user = newUser();
        Prompt created = service.create(user, input("n", "c"));
        service.update(user, created.id(), input("n", "c2"), RevisionCondition.NONE);

        var e = failure(() -> service.update(user, created.id(), input("n", "c3"), RevisionCondition.ifMatch("W/\"1\"")));
        assertEquals(ProblemType.PRECONDITION_FAILED, e.type());
        assertEquals("c2", service.get(user, created.id()).fields().content());
        assertEquals(List.of(2L, 1L), versionNumbers(user, created.id()));
        assertEquals(ProblemType.PRECONDITION_FAILED, failure(() -> service.delete(user, created.id(), RevisionCondition.ifMatch("1"))).type());
        assertEquals(ProblemType.PRECONDITION_FAILED, failure(() -> service.setFavorite(user, created.id(), true, RevisionCondition.ifMatch("1"))).type());
    }

    @Test
    void ofTwoConcurrentWritersWithTheSameIfMatchExactlyOneWins() throws Exception {
        String user = newUser();
        Prompt created = service.create(user, input("n", "original"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> writers = new ArrayList<>();
            for (String content : List.of("from A", "from B")) {
                writers.add(pool.submit(() -> {
                    start.await();
                    try {
                        return service.update(user, created.id(), input("n", content), RevisionCondition.ifMatch("\"1\"")).fields().content();
                    } catch (ApiException e) {
                        return e.type().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = List.of(writers.get(0).get(), writers.get(1).get());

            assertEquals(1, outcomes.stream().filter("PRECONDITION_FAILED"::equals).count(), outcomes.toString());
            String winner = outcomes.stream().filter(o -> o.startsWith("from")).findFirst().orElseThrow();
            Prompt stored = service.get(user, created.id());
            assertEquals(winner, stored.fields().content());
            assertEquals(2, stored.status().revision());
            assertEquals(List.of(2L, 1L), versionNumbers(user, created.id()));
            assertEquals(winner, service.version(user, created.id(), 2).fields().content());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersWithoutIfMatchAreBothApplied() throws Exception {
        String user = newUser();
        Prompt created = service.create(user, input("n", "original"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> service.update(user, created.id(), input("n", "A"), RevisionCondition.NONE));
            var b = pool.submit(() -> service.update(user, created.id(), input("n", "B"), RevisionCondition.NONE));
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(3L, 2L, 1L), versionNumbers(user, created.id()));
        assertEquals(3, service.get(user, created.id()).status().revision());
    }

    @Test
    void restoreMakesANewVersionWithTheOldContent() {
        String user = newUser();
        Prompt created = service.create(user, PromptInput.of("first", "one {{x}}", null, List.of("t"), null, null, null, null, null));
        service.update(user, created.id(), input("second", "two"), RevisionCondition.NONE);

        Prompt restored = service.restore(user, created.id(), 1, RevisionCondition.ifMatch("\"2\""));

        assertEquals(3, restored.status().version());
        assertEquals("first", restored.fields().name());
        assertEquals("one {{x}}", restored.fields().content());
        assertEquals(List.of("t"), restored.fields().tags());
        assertEquals(List.of("x"), restored.fields().variables());
        assertEquals(List.of(3L, 2L, 1L), versionNumbers(user, created.id()));
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.restore(user, created.id(), 9, RevisionCondition.NONE)).type());
    }

    @Test
    void favoriteIsIdempotentAndBumpsOnlyTheRevision() {
        String user = newUser();
        Prompt created = service.create(user, input("n", "c"));

        Prompt liked = service.setFavorite(user, created.id(), true, RevisionCondition.NONE);
        Prompt likedAgain = service.setFavorite(user, created.id(), true, RevisionCondition.NONE);
        Prompt unliked = service.setFavorite(user, created.id(), false, RevisionCondition.NONE);

        assertTrue(liked.status().favorite());
        assertEquals(2, liked.status().revision());
        assertEquals(1, liked.status().version());
        assertEquals(liked, likedAgain);
        assertFalse(unliked.status().favorite());
        assertEquals(3, unliked.status().revision());
        assertEquals(created.status().updatedAt(), unliked.status().updatedAt());
    }

    @Test
    void deleteRemovesThePromptAndItsHistory() {
        String user = newUser();
        Prompt created = service.create(user, input("n", "c"));
        service.update(user, created.id(), input("n", "c2"), RevisionCondition.NONE);

        service.delete(user, created.id(), RevisionCondition.ifMatch("\"2\""));

        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.get(user, created.id())).type());
        var rows = dynamo.query(QueryRequest.builder().tableName(tables.versions()).keyConditionExpression("promptId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(created.id()))).build());
        assertEquals(0, rows.count());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.delete(user, created.id(), RevisionCondition.NONE)).type());
    }

    @Test
    void anotherUserFindsNothingOfAPrompt() {
        String owner = newUser();
        String other = newUser();
        Prompt created = service.create(owner, input("mine", "c"));
        String id = created.id();
        List<Runnable> attempts = List.of(
                () -> service.get(other, id),
                () -> service.update(other, id, input("x", "y"), RevisionCondition.NONE),
                () -> service.delete(other, id, RevisionCondition.NONE),
                () -> service.versions(other, id, 10, null),
                () -> service.version(other, id, 1),
                () -> service.restore(other, id, 1, RevisionCondition.NONE),
                () -> service.setFavorite(other, id, true, RevisionCondition.NONE),
                () -> service.setFavorite(other, id, false, RevisionCondition.NONE));
        for (Runnable attempt : attempts) {
            var e = failure(attempt);
            assertEquals(ProblemType.NOT_FOUND, e.type());
            assertEquals("prompt not found", e.getMessage());
        }
        assertTrue(service.list(other, 100, null).items().isEmpty());
        assertEquals(created, service.get(owner, id));
    }

    @Test
    void idsThatAreNoPromptIdsAreNotFound() {
        assertEquals("prompt not found", failure(() -> service.get(newUser(), "../../etc")).getMessage());
        assertEquals("prompt not found", failure(() -> service.get(newUser(), Ids.newId("col"))).getMessage());
    }

    @Test
    void largeContentIsCompressedRoundTripsAndKeepsTheItemUnder400Kilobytes() {
        String content = compressibleText(500 * 1024);
        String user = newUser();
        Prompt created = service.create(user, input("large", content));
        service.update(user, created.id(), input("large", content + "!"), RevisionCondition.NONE);

        assertEquals(content + "!", service.get(user, created.id()).fields().content());
        assertEquals(content, service.version(user, created.id(), 1).fields().content());
        var item = dynamo.getItem(b -> b.tableName(tables.prompts()).key(Map.of("id", AttributeValue.fromS(created.id())))).item();
        assertTrue(item.containsKey("contentGz"));
        assertFalse(item.containsKey("content"));
        assertTrue(itemBytes(item) < 400 * 1024, "item is " + itemBytes(item) + " bytes");
        var summary = service.list(user, 1, null).items().get(0);
        assertEquals(content.length() + 1, summary.contentLength());
        assertEquals(content.substring(0, 200), summary.contentPreview());
    }

    /** Words drawn at random from a small vocabulary: compresses about as well as prose. */
    private static String compressibleText(int bytes) {
        String[] words = {"system", "assistant", "answer", "the", "question", "politely", "{{topic}}", "in", "detail", "with", "examples", "and", "sources"};
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(bytes);
        while (text.length() < bytes) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? ".\n" : " ");
        }
        return text.substring(0, bytes);
    }

    /** DynamoDB's item size: attribute names plus values. */
    private static int itemBytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue())).sum();
    }

    private static int valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + valueBytes(v)).sum();
        }
        if (value.hasM()) {
            return 3 + itemBytes(value.m()) + value.m().size();
        }
        return 1;
    }

    @Test
    void anotherUsersPublicPromptCanBeReadButNotChanged() {
        String owner = newUser();
        String reader = newUser();
        Prompt shared = service.create(owner, PromptInput.of("shared", "c", null, null, null, null, "public", null, null));
        Prompt secret = service.create(owner, input("secret", "c"));
        service.setFavorite(owner, shared.id(), true, RevisionCondition.NONE);

        Prompt read = service.get(reader, shared.id());
        assertEquals("shared", read.fields().name());
        assertFalse(read.status().favorite(), "the owner's favourite is not the reader's");
        assertTrue(service.get(owner, shared.id()).status().favorite());
        assertNull(read.status().createdBy(), "who wrote it is the owner's business");
        assertNull(read.status().updatedBy());
        assertTrue(read.collectionIds().isEmpty(), "the owner's collections are private");
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.getOwn(reader, shared.id())).type(), "runs, similar and history are the owner's");
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.get(reader, secret.id())).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.update(reader, shared.id(), input("mine", "c"), RevisionCondition.NONE)).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.delete(reader, shared.id(), RevisionCondition.NONE)).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.setFavorite(reader, shared.id(), true, RevisionCondition.NONE)).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.versions(reader, shared.id(), 10, null)).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.version(reader, shared.id(), 1)).type());
        assertEquals(ProblemType.NOT_FOUND, failure(() -> service.restore(reader, shared.id(), 1, RevisionCondition.NONE)).type());
        assertEquals(2, service.get(owner, shared.id()).status().revision(), "nothing the reader tried changed it");
    }

    /** A collection as the collections feature stores it, reduced to what the prompts feature reads. */
    private static void putCollection(String id, String ownerId) {
        dynamo.putItem(b -> b.tableName(tables.collections()).item(Map.of(
                "id", AttributeValue.fromS(id),
                "ownerId", AttributeValue.fromS(ownerId),
                "ownerSort", AttributeValue.fromS("2024-01-01T00:00:00.000Z#" + id))));
    }
}
