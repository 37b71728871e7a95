package io.promptcms.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.ProblemType;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptTable;
import io.promptcms.prompt.RevisionCondition;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.MutableClock;
import io.promptcms.testing.TemplateTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CollectionServiceTest {

    private static String collectionsTable;
    private static String promptsTable;

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Principal alice = user();
    private final Principal bob = user();
    private CollectionService collections;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        TemplateTables tables = TemplateTables.create(dynamo, "collections-");
        collectionsTable = tables.collections();
        promptsTable = tables.prompts();
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    @BeforeEach
    void service() {
        collections = new CollectionService(dynamo, collectionsTable, promptsTable, clock);
    }

    @Test
    void createdCollectionReadsBackWithItsPromptCount() {
        Collection work = collections.create(alice, "  Work ", "things for work");
        prompt(alice, work.id());
        prompt(alice, work.id(), "col_other0000000000");
        prompt(alice);

        Collection read = collections.get(alice, work.id());

        assertEquals("Work", read.name());
        assertEquals("things for work", read.description());
        assertEquals(1L, read.revision());
        assertEquals(2L, read.promptCount());
        assertEquals("2025-03-01T10:00:00.000Z", read.createdAt());
    }

    @Test
    void duplicateNameIgnoringCaseIsAConflict() {
        collections.create(alice, "Marketing", null);

        ApiException e = assertThrows(ApiException.class, () -> collections.create(alice, "marketing", null));

        assertEquals(ProblemType.CONFLICT, e.type());
        assertEquals(1, collections.list(alice, 100, Optional.empty()).items().size());
        assertNotNull(collections.create(bob, "Marketing", null), "names are unique per owner only");
    }

    @Test
    void renamingOntoAnotherCollectionsNameIsAConflictButRecasingItselfIsNot() {
        Collection first = collections.create(alice, "First", null);
        Collection second = collections.create(alice, "Second", null);

        assertEquals(ProblemType.CONFLICT,
                assertThrows(ApiException.class, () -> collections.update(alice, second.id(), RevisionCondition.ifMatch("\"1\""), "FIRST", null)).type());
        assertEquals("FIRST", collections.update(alice, first.id(), RevisionCondition.ifMatch("\"1\""), "FIRST", null).name());
    }

    @Test
    void nameAndDescriptionAreValidated() {
        ApiException e = assertThrows(ApiException.class, () -> collections.create(alice, " ", "x".repeat(2_001)));
        assertEquals(List.of("name", "description"), e.errors().stream().map(f -> f.field()).toList());
        assertThrows(ApiException.class, () -> collections.create(alice, "x".repeat(201), null));
        assertNotNull(collections.create(alice, "x".repeat(200), "y".repeat(2_000)));
    }

    @Test
    void updateAtTheCurrentRevisionReplacesAndCountsUp() {
        Collection created = collections.create(alice, "Drafts", "old");
        clock.advance(Duration.ofMinutes(5));

        Collection updated = collections.update(alice, created.id(), RevisionCondition.ifMatch("\"1\""), "Drafts 2", null);

        assertEquals(2L, updated.revision());
        Collection read = collections.get(alice, created.id());
        assertEquals("Drafts 2", read.name());
        assertNull(read.description());
        assertEquals(created.createdAt(), read.createdAt());
        assertEquals("2025-03-01T10:05:00.000Z", read.updatedAt());
    }

    @Test
    void staleIfMatchChangesNothing() {
        Collection created = collections.create(alice, "Drafts", null);
        collections.update(alice, created.id(), RevisionCondition.ifMatch("\"1\""), "Drafts v2", null);

        ApiException e = assertThrows(ApiException.class, () -> collections.update(alice, created.id(), RevisionCondition.ifMatch("\"1\""), "Drafts v1 again", null));

        assertEquals(ProblemType.PRECONDITION_FAILED, e.type());
        assertEquals("Drafts v2", collections.get(alice, created.id()).name());
    }

    @Test
    void withoutIfMatchTheUpdateAppliesToTheCurrentRevision() {
        Collection created = collections.create(alice, "Drafts", null);
        collections.update(alice, created.id(), RevisionCondition.ifMatch("\"1\""), "Drafts v2", null);

        Collection updated = collections.update(alice, created.id(), RevisionCondition.NONE, "Drafts v3", null);

        assertEquals(3L, updated.revision());
        assertEquals("Drafts v3", collections.get(alice, created.id()).name());
    }

    @Test
    void anotherUsersCollectionIsNotFoundEverywhere() {
        Collection secret = collections.create(alice, "Secret", null);

        assertNotFound(() -> collections.get(bob, secret.id()));
        assertNotFound(() -> collections.update(bob, secret.id(), RevisionCondition.ifMatch("\"1\""), "mine now", null));
        assertNotFound(() -> collections.delete(bob, secret.id()));
        assertNotFound(() -> collections.get(alice, "col_doesnotexist00"));
        assertNotFound(() -> collections.get(alice, "not-an-id"));

        assertEquals("Secret", collections.get(alice, secret.id()).name());
        assertTrue(collections.list(bob, 100, Optional.empty()).items().stream().noneMatch(c -> c.id().equals(secret.id())));
    }

    @Test
    void listIsNewestFirstAndPagesWithACursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            created.add(0, collections.create(alice, "c" + i, null).id());
        }
        collections.create(bob, "bob's", null);

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Collection> page = collections.list(alice, 2, cursor);
            assertTrue(page.items().size() <= 2);
            page.items().forEach(c -> seen.add(c.id()));
            cursor = Optional.ofNullable(page.nextCursor());
        } while (cursor.isPresent());

        assertEquals(created, seen);
    }

    @Test
    void anotherOwnersOrAGarbageCursorIsABadRequest() {
        collections.create(bob, "b1", null);
        collections.create(bob, "b2", null);
        String bobsCursor = collections.list(bob, 1, Optional.empty()).nextCursor();
        assertNotNull(bobsCursor);

        assertEquals(ProblemType.VALIDATION, assertThrows(ApiException.class, () -> collections.list(alice, 1, Optional.of(bobsCursor))).type());
        assertEquals(ProblemType.VALIDATION, assertThrows(ApiException.class, () -> collections.list(alice, 1, Optional.of("%%%"))).type());
        assertEquals(ProblemType.VALIDATION, assertThrows(ApiException.class, () -> collections.list(alice, 1, Optional.of("e30"))).type());
    }

    @Test
    void deleteKeepsThePromptsAndTakesTheCollectionOutOfThem() {
        Collection doomed = collections.create(alice, "Doomed", null);
        String keep = "col_keepthisone0000";
        StoredPrompt both = prompt(alice, keep, doomed.id());
        StoredPrompt only = prompt(alice, doomed.id());
        StoredPrompt unrelated = prompt(alice, keep);
        StoredPrompt bobs = prompt(bob, doomed.id()); // cannot happen through the API; must still be left alone

        collections.delete(alice, doomed.id());

        assertNotFound(() -> collections.get(alice, doomed.id()));
        StoredPrompt bothNow = reload(both);
        assertEquals(List.of(keep), bothNow.collectionIds());
        assertEquals(both.revision() + 1, bothNow.revision());
        assertEquals(both.fields().name(), bothNow.fields().name());
        StoredPrompt onlyNow = reload(only);
        assertEquals(List.of(), onlyNow.collectionIds());
        assertEquals(only.revision() + 1, onlyNow.revision());
        assertEquals(unrelated.revision(), reload(unrelated).revision());
        assertEquals(List.of(doomed.id()), reload(bobs).collectionIds());
    }

    @Test
    void aStaleIndexReadIsRetriedWithoutLosingTheConcurrentEdit() {
        String doomed = "col_doomed000000000";
        StoredPrompt prompt = prompt(alice, doomed, "col_keep00000000000");
        StoredPrompt staleRead = StoredPrompt.builder().id(prompt.id()).revision(3L)
                .collectionIds(List.of(doomed, "col_keep00000000000")).build();
        put(prompt.toBuilder()
                .fields(new PromptFields("renamed meanwhile", prompt.fields().content(), null, null, null, null, null))
                .collectionIds(List.of(doomed, "col_keep00000000000", "col_added0000000000"))
                .revision(4L)
                .build());

        new PromptMemberships(dynamo, promptsTable).remove(alice.userId(), doomed, staleRead);

        StoredPrompt now = reload(prompt);
        assertEquals("renamed meanwhile", now.fields().name());
        assertEquals(List.of("col_keep00000000000", "col_added0000000000"), now.collectionIds());
        assertEquals(5L, now.revision());
    }

    private static void assertNotFound(Executable action) {
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, action).type());
    }

    private StoredPrompt prompt(Principal owner, String... collectionIds) {
        String id = Ids.newId("prm");
        return put(StoredPrompt.builder().id(id).ownerId(owner.userId()).ownerSort(clock.instant() + "#" + id)
                .fields(new PromptFields("prompt " + id, "Say hello to {{name}}", null, null, null, null, null))
                .collectionIds(List.of(collectionIds)).revision(3L).version(2L).build());
    }

    private static StoredPrompt put(StoredPrompt item) {
        dynamo.putItem(r -> r.tableName(promptsTable).item(PromptTable.item(item)));
        return item;
    }

    private static StoredPrompt reload(StoredPrompt item) {
        return PromptTable.read(dynamo.getItem(new PromptTable(promptsTable).get(item.id())).item());
    }

    private static Principal user() {
        return new Principal(Ids.newId("usr"), Ids.newId("key"), "test", EnumSet.allOf(Scope.class));
    }
}
