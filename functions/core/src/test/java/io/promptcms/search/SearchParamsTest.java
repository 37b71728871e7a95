package io.promptcms.search;

import static io.promptcms.search.PromptSearchCorpusTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.ProblemType;
import io.promptcms.search.SearchParams.SortField;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchParamsTest {

    @Test
    void onlyLimitAndCursorIsThePlainListing() {
        assertTrue(params().isPlainListing());
        assertTrue(params("limit", "5", "cursor", "abc").isPlainListing());
        assertTrue(params("q", "  ", "favorite", "false").isPlainListing(), "empty and default values ask for nothing");
        assertFalse(params("favorite", "true").isPlainListing());
        assertFalse(params("scope", "all").isPlainListing());
        assertFalse(params("sort", "name").isPlainListing());
    }

    @Test
    void theCanonicalQueryIsSortedNormalisedAndLeavesOutDefaultsAndTheCursor() {
        SearchParams params = params("tag", "b", "q", "  hello   world ", "tag", "a,b", "tag", "b", "sort", "name",
                "scope", "mine", "limit", "50", "cursor", "x", "minCost", "1.50", "tagMode", "any", "createdFrom", "2026-01-05");

        assertEquals("createdFrom=2026-01-05&limit=50&minCost=1.5&q=hello%20world&sort=name%3Aasc&tag=a%2Cb&tag=b",
                params.canonicalQueryString());
        assertEquals(params.canonicalQueryString(), params("minCost", "1.5", "sort", "name:asc", "tag", "b", "tag", "a,b",
                "q", "hello world", "limit", "50", "createdFrom", "2026-01-05").canonicalQueryString(), "the same view, spelt otherwise");
        assertEquals("q=x", params("q", "x", "sort", "relevance:desc", "limit", "20").canonicalQueryString());
        assertEquals("", params("sort", "updatedAt:desc", "scope", "mine").canonicalQueryString());
    }

    @Test
    void defaultsAndSorts() {
        SearchParams plain = params("tag", "x");
        assertEquals(new SearchParams.Sort(SortField.UPDATED_AT, false), plain.sort());
        assertEquals(20, plain.limit());
        assertEquals(SearchParams.Scope.MINE, plain.scope());
        assertEquals(SearchParams.TagMode.ANY, plain.tagMode());
        assertEquals(new SearchParams.Sort(SortField.RELEVANCE, false), params("q", "x").sort());
        assertEquals(new SearchParams.Sort(SortField.NAME, true), params("sort", "name").sort());
        assertEquals(new SearchParams.Sort(SortField.COST, false), params("sort", "cost").sort());
        assertEquals(new SearchParams.Sort(SortField.USAGE_COUNT, true), params("sort", "usageCount:asc").sort());
        assertTrue(params("quick", "favorites").favoritesOnly());
        assertTrue(params("quick", "untagged").untaggedOnly());
    }

    @Test
    void daysAndInstantsBoundRangesInclusively() {
        SearchParams params = params("createdFrom", "2026-01-05", "createdTo", "2026-01-06", "updatedFrom", "2026-01-05T10:00:00Z",
                "updatedTo", "2026-01-05T10:00:00.123Z");
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), params.created().from());
        assertEquals(Instant.parse("2026-01-06T23:59:59.999Z"), params.created().to());
        assertEquals(Instant.parse("2026-01-05T10:00:00Z"), params.updated().from());
        assertEquals(Instant.parse("2026-01-05T10:00:00.123Z"), params.updated().to());
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        ApiException e = assertThrows(ApiException.class, () -> params("ownerId", "usr_x", "sort", "price", "createdFrom", "yesterday",
                "updatedTo", "2026-02-30", "minCost", "-1", "maxCost", "abc", "minUsage", "1.5", "quick", "cheap", "tagMode", "some",
                "scope", "everyone", "visibility", "secret", "favorite", "yes", "facets", "1", "limit", "101"));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of("createdFrom", "facets", "favorite", "limit", "maxCost", "minCost", "minUsage", "ownerId", "quick",
                "scope", "sort", "tagMode", "updatedTo", "visibility"), e.errors().stream().map(FieldError::field).sorted().toList());
    }

    @Test
    void valuesOutOfTheirGrammarAreRejected() {
        assertInvalid("sort", "sort", "name:up");
        assertInvalid("sort", "sort", "name:asc:desc");
        assertInvalid("sort", "sort", "relevance");
        assertInvalid("sort", "q", "x", "sort", "relevance:asc");
        assertInvalid("maxCost", "minCost", "2", "maxCost", "1");
        assertInvalid("createdTo", "createdFrom", "2026-02-01", "createdTo", "2026-01-31");
        assertInvalid("limit", "limit", "0");
        assertInvalid("q", "q", "x".repeat(SearchParams.MAX_TEXT + 1));
        assertInvalid("sort", "sort", "name", "sort", "cost");
        assertInvalid("tag", "tag", "t".repeat(201));
        String[] tooMany = new String[2 * (SearchParams.MAX_TAGS + 1)];
        for (int i = 0; i < tooMany.length; i += 2) {
            tooMany[i] = "tag";
            tooMany[i + 1] = "t" + i;
        }
        assertInvalid("tag", tooMany);
        assertEquals("x".repeat(SearchParams.MAX_TEXT), params("q", "x".repeat(SearchParams.MAX_TEXT)).text().orElseThrow());
    }

    @Test
    void anyTeamIsNotAvailableYet() {
        ApiException e = assertThrows(ApiException.class, () -> params("team", "team_1"));
        assertEquals(ProblemType.BAD_REQUEST, e.type());
        assertEquals("teams are not available yet", e.getMessage());
    }

    private static void assertInvalid(String field, String... pairs) {
        ApiException e = assertThrows(ApiException.class, () -> params(pairs));
        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals(List.of(field), e.errors().stream().map(FieldError::field).toList());
    }
}
