package io.promptcms.savedsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.SteppingClock;
import io.promptcms.testing.TemplateTables;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SavedSearchServiceTest {

    /** Stands in for the prompt list's parser: sorts the parameters and refuses one named "bad". */
    private static final SearchQueryCanonicalizer SORTING = raw -> {
        if (raw.contains("bad=")) {
            throw ApiException.validation(List.of(new FieldError("bad", "is not a parameter of GET /api/v1/prompts")));
        }
        return String.join("&", Arrays.stream(raw.split("&")).filter(p -> !p.isEmpty()).sorted().toList());
    };

    private static LocalDynamoDb local;
    private static SavedSearchService service;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.create();
        var tables = TemplateTables.create(local.dynamoDbClient(), "svs-");
        service = new SavedSearchService(local.dynamoDbClient(), tables.name("SavedSearchesTable"), SORTING,
                new SteppingClock(Instant.parse("2026-11-26T10:00:00Z")));
    }

    @AfterAll
    static void stop() {
        local.shutdown();
    }

    @Test
    void aSavedSearchKeepsTheCanonicalQueryAndTheUrlThatReproducesTheView() {
        String user = Ids.newId("usr");
        SavedSearch saved = service.create(user, "  Support, by cost ", "?tag=support&sort=cost:desc", null);

        assertEquals("Support, by cost", saved.name());
        assertEquals("sort=cost:desc&tag=support", saved.query());
        assertEquals("/api/v1/prompts?sort=cost:desc&tag=support", saved.url());
        assertEquals(List.of(saved), service.list(user));
    }

    @Test
    void listsAreNewestFirstAndOnlyTheCallers() {
        String alice = Ids.newId("usr");
        String bob = Ids.newId("usr");
        SavedSearch first = service.create(alice, "first", "", null);
        SavedSearch second = service.create(alice, "second", "favorite=true", null);
        service.create(bob, "bob's", "q=tea", null);

        assertEquals(List.of(second.id(), first.id()), service.list(alice).stream().map(SavedSearch::id).toList());
        assertEquals("/api/v1/prompts", first.url());
    }

    @Test
    void anotherUsersSavedSearchCannotBeDeleted() {
        String alice = Ids.newId("usr");
        SavedSearch saved = service.create(alice, "mine", "q=x", null);

        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> service.delete(Ids.newId("usr"), saved.id())).type());
        assertEquals(1, service.list(alice).size());
        service.delete(alice, saved.id());
        assertTrue(service.list(alice).isEmpty());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> service.delete(alice, saved.id())).type());
    }

    @Test
    void aQueryTheListWouldRefuseIsNotSavedNorAreBadNamesOrTeamSharing() {
        String user = Ids.newId("usr");
        assertEquals("bad", assertThrows(ApiException.class, () -> service.create(user, "x", "bad=1", null)).errors().getFirst().field());
        assertEquals("name", assertThrows(ApiException.class, () -> service.create(user, " ", "q=x", null)).errors().getFirst().field());
        assertEquals("name", assertThrows(ApiException.class, () -> service.create(user, "n".repeat(101), "q=x", null)).errors().getFirst().field());
        assertEquals("query", assertThrows(ApiException.class, () -> service.create(user, "x", null, null)).errors().getFirst().field());
        assertEquals(ProblemType.BAD_REQUEST, assertThrows(ApiException.class, () -> service.create(user, "x", "q=x", "team_1")).type());
        assertTrue(service.list(user).isEmpty());
    }
}
