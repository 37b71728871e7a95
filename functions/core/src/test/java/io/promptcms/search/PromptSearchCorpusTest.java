package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.PromptIndexer.Upsert;
import io.promptcms.search.PromptSearch.FacetCount;
import io.promptcms.search.PromptSearch.Results;
import io.promptcms.search.PromptSearchQuery.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Every filter, sort, quick filter and facet of the search API against a real OpenSearch, on a fixed corpus in an
 * index of its own: Alice's 16 prompts (one public), Bob's 3 (one public) and Carol's public one. Expected results
 * are exact id lists; where a list is long it comes from the corpus table below through the same rule, in Java.
 */
class PromptSearchCorpusTest {

    private static final String INDEX = "corpus-" + UUID.randomUUID();
    // the index is this test's own: fixed owner ids keep the adversarial texts below deterministic
    private static final String ALICE = "usr_alice";
    private static final String BOB = "usr_bob";
    private static final String CAROL = "usr_carol";
    private static final String COL_A = "col_alice_a";
    private static final String COL_B = "col_alice_b";
    private static final String COL_C = "col_alice_c";
    private static final String COL_BOB = "col_bob";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** One prompt of the corpus; ages in days before now. */
    private record P(String id, String owner, String name, String content, List<String> tags, String model, List<String> collections,
                     String visibility, boolean favorite, int createdAgo, int updatedAgo, long usage, double cost) {

        Instant updatedAt() {
            return NOW.minus(Duration.ofDays(updatedAgo));
        }

        Instant createdAt() {
            return NOW.minus(Duration.ofDays(createdAgo));
        }
    }

    private static final List<P> CORPUS = List.of(
            new P("prm_a01", ALICE, "Release notes writer", "Summarise the merged pull requests as release notes.", List.of("eng", "writing"), "gpt-4o", List.of(COL_A), "private", true, 100, 2, 10, 0.10),
            new P("prm_a02", ALICE, "Email translator", "Translate the customer's email into French, keeping the tone polite.", List.of("writing", "lang"), "claude-3", List.of(COL_A), "private", false, 90, 40, 10, 0.10),
            new P("prm_a03", ALICE, "SQL helper", "Write a SELECT statement for the warehouse schema.", List.of("eng", "sql"), "gpt-4o", List.of(COL_B), "public", false, 80, 1, 10, 0.10),
            new P("prm_a04", ALICE, "Onboarding welcome", "Welcome the new hire warmly.", List.of("hr"), "gpt-4o-mini", List.of(), "private", true, 70, 50, 10, 0.10),
            new P("prm_a05", ALICE, "Café menu", "Describe the dishes of the day with flair.", List.of(), "claude-3", List.of(), "private", false, 60, 3, 0, 0),
            new P("prm_a06", ALICE, "Haiku autumn", "Write a haiku about autumn leaves", List.of("poetry"), "gpt-4o", List.of(COL_B), "private", false, 50, 60, 5, 0.05),
            new P("prm_a07", ALICE, "haiku autumn", "Write a haiku about autumn leaves", List.of("poetry"), "gpt-4o", List.of(COL_B), "private", false, 50, 60, 5, 0.05),
            new P("prm_a08", ALICE, "Bug triage", "Classify the bug report by severity.", List.of("eng"), "gpt-4o", List.of(COL_A, COL_B), "private", true, 40, 5, 20, 20.0),
            new P("prm_a09", ALICE, "Contract review", "Review the contract clauses for risk.", List.of("legal"), "claude-3", List.of(), "private", false, 35, 35, 4, 8.0),
            new P("prm_a10", ALICE, "Tweet drafter", "Draft a tweet announcing the launch.", List.of(), "gpt-4o-mini", List.of(), "private", false, 30, 4, 10, 0.10),
            new P("prm_a11", ALICE, "Meeting summary", "Summarise the meeting transcript into action items.", List.of("writing"), "claude-3", List.of(COL_A), "private", false, 25, 25, 10, 0.10),
            new P("prm_a12", ALICE, "Interview questions", "Suggest interview questions for a backend engineer.", List.of("hr", "eng"), "gpt-4o", List.of(), "private", false, 20, 20, 10, 0.10),
            new P("prm_a13", ALICE, "Product description", "Write a product description for the online shop.", List.of("writing", "marketing"), "gpt-4o-mini", List.of(COL_C), "private", false, 15, 6, 0, 0),
            new P("prm_a14", ALICE, "Code explainer", "Explain what this code does, line by line.", List.of("eng"), "gpt-4o", List.of(), "private", false, 12, 12, 10, 0.10),
            new P("prm_a15", ALICE, "Unit test writer", "Write unit tests for the function below.", List.of("eng", "testing"), "gpt-4o", List.of(COL_B), "private", true, 10, 10, 10, 0.10),
            new P("prm_a16", ALICE, "Apology letter", "Write a sincere apology letter to the customer.", List.of(), "claude-3", List.of(), "private", false, 8, 8, 0, 0),
            new P("prm_b01", BOB, "Bob's release notes", "Summarise the merged pull requests as release notes.", List.of("eng", "writing"), "gpt-4o", List.of(COL_BOB), "public", true, 20, 2, 3, 0.30),
            new P("prm_b02", BOB, "Bob's plan", "Quarterly roadmap for the kangaroo project", List.of("eng"), "gpt-4o", List.of(COL_BOB), "private", true, 10, 1, 50, 100.0),
            new P("prm_b03", BOB, "Bob secret haiku", "Write a haiku about autumn leaves", List.of("poetry"), "gpt-4o", List.of(), "private", false, 5, 5, 0, 0),
            new P("prm_c01", CAROL, "Carol's public translator", "Translate the text into German, keeping the tone polite.", List.of("lang", "writing"), "claude-3", List.of(), "public", false, 3, 3, 1, 0.01));

    private static PromptSearch search;

    @BeforeAll
    static void indexCorpus() {
        OpenSearchClient client = OpenSearchClients.create(SearchFixture.env());
        SearchFixture.freshIndex(client, INDEX);
        var changes = CORPUS.stream().map(p -> new Upsert(p.id(), item(p))).toList();
        assertEquals(Set.of(), new PromptIndexer(client, INDEX, SearchFixture.INLINE_CONTENT).apply(changes));
        SearchFixture.refresh(client, INDEX);
        search = new OpenSearchPromptSearch(client, INDEX);
    }

    private static StoredPrompt item(P p) {
        var fields = new PromptFields(p.name(), p.content(), "", p.tags(), p.model(), null, null);
        StoredPrompt item = SearchFixture.prompt(p.id(), p.owner(), 1, fields).toBuilder()
                .contentPreview(p.content().substring(0, Math.min(20, p.content().length())))
                .contentLength(p.content().length())
                .collectionIds(p.collections())
                .visibility(p.visibility())
                .favorite(p.favorite())
                .createdAt(Timestamps.format(p.createdAt()))
                .updatedAt(Timestamps.format(p.updatedAt()))
                .createdBy(p.owner())
                .updatedBy(p.owner())
                .usageCount(p.usage())
                .totalCostUsd(p.cost())
                .build();
        return item;
    }

    // ------------------------------------------------------------------ filters

    @Test
    void withoutParametersTheCallersOwnPromptsComeMostRecentlyUpdatedFirst() {
        assertEquals(List.of("prm_a03", "prm_a01", "prm_a05", "prm_a10", "prm_a08", "prm_a13", "prm_a16", "prm_a15", "prm_a14",
                "prm_a12", "prm_a11", "prm_a09", "prm_a02", "prm_a04", "prm_a06", "prm_a07"), ids(ALICE));
    }

    @Test
    void tagMatchesAnyOfTheTagsOrAllOfThem() {
        assertEquals(List.of("prm_a03", "prm_a01", "prm_a08", "prm_a15", "prm_a14", "prm_a12"), ids(ALICE, "tag", "eng"));
        assertEquals(expected(ALICE, p -> p.tags().contains("eng") || p.tags().contains("hr"), byUpdatedDesc()),
                ids(ALICE, "tag", "eng", "tag", "hr"));
        assertEquals(List.of("prm_a12"), ids(ALICE, "tag", "eng", "tag", "hr", "tagMode", "all"));
        assertEquals(List.of("prm_a01"), ids(ALICE, "tag", "writing", "tag", "eng", "tagMode", "all"));
        assertEquals(List.of(), ids(ALICE, "tag", "Eng"), "tags match exactly");
    }

    @Test
    void modelCollectionAndVisibilityFilter() {
        assertEquals(List.of("prm_a05", "prm_a16", "prm_a11", "prm_a09", "prm_a02"), ids(ALICE, "model", "claude-3"));
        assertEquals(List.of("prm_a03", "prm_a08", "prm_a15", "prm_a06", "prm_a07"), ids(ALICE, "collection", COL_B));
        assertEquals(List.of("prm_a03"), ids(ALICE, "visibility", "public"));
        assertEquals(List.of(), ids(ALICE, "visibility", "team"));
        assertEquals(List.of("prm_a01", "prm_a08"), ids(ALICE, "collection", COL_A, "model", "gpt-4o", "tag", "eng", "favorite", "true"),
                "filters combine");
        assertEquals(List.of("prm_a08"), ids(ALICE, "collection", COL_A, "model", "gpt-4o", "favorite", "true", "minUsage", "11"));
    }

    @Test
    void createdAndUpdatedRangesTakeDaysOrInstants() {
        String from = day(NOW.minus(Duration.ofDays(36)));
        String to = day(NOW.minus(Duration.ofDays(11)));
        assertEquals(List.of("prm_a09", "prm_a10", "prm_a11", "prm_a12", "prm_a13", "prm_a14"),
                ids(ALICE, "createdFrom", from, "createdTo", to, "sort", "createdAt:asc"));
        assertEquals(List.of("prm_a03", "prm_a01", "prm_a05", "prm_a10", "prm_a08"),
                ids(ALICE, "updatedFrom", NOW.minus(Duration.ofDays(5)).toString()));
        assertEquals(List.of("prm_a02", "prm_a04", "prm_a06", "prm_a07"),
                ids(ALICE, "updatedTo", NOW.minus(Duration.ofDays(40)).toString()), "bounds are inclusive");
    }

    @Test
    void favoritesAreTheCallersOwnEvenAmongOthersPublicPrompts() {
        List<String> favorites = List.of("prm_a01", "prm_a08", "prm_a15", "prm_a04");
        assertEquals(favorites, ids(ALICE, "favorite", "true"));
        assertEquals(favorites, ids(ALICE, "favorite", "true", "scope", "all"), "Bob's public favourite is his, not Alice's");
        assertEquals(favorites, ids(ALICE, "quick", "favorites"));
    }

    @Test
    void untaggedCostAndUsageFilters() {
        assertEquals(List.of("prm_a05", "prm_a10", "prm_a16"), ids(ALICE, "untagged", "true"));
        assertEquals(List.of("prm_a05", "prm_a10", "prm_a16"), ids(ALICE, "quick", "untagged"));
        assertEquals(List.of("prm_a08", "prm_a09"), ids(ALICE, "minCost", "0.5"));
        assertEquals(List.of("prm_a05", "prm_a13", "prm_a16", "prm_a06", "prm_a07"), ids(ALICE, "maxCost", "0.05"));
        assertEquals(expected(ALICE, p -> p.cost() == 0.10, byUpdatedDesc()), ids(ALICE, "minCost", "0.1", "maxCost", "0.10"));
        assertEquals(expected(ALICE, p -> p.usage() >= 10, byUpdatedDesc()), ids(ALICE, "minUsage", "10"));
        assertEquals(List.of("prm_a08"), ids(ALICE, "minUsage", "11"));
    }

    // ------------------------------------------------------------------ sorts

    @Test
    void everySortGoesBothWaysWithTiesInIdOrder() {
        Map<String, Comparator<P>> sorts = new LinkedHashMap<>();
        sorts.put("name", Comparator.comparing(p -> p.name().toLowerCase(java.util.Locale.ROOT).replace('é', 'e')));
        sorts.put("createdAt", Comparator.comparing(P::createdAt));
        sorts.put("updatedAt", Comparator.comparing(P::updatedAt));
        sorts.put("usageCount", Comparator.comparingLong(P::usage));
        sorts.put("cost", Comparator.comparingDouble(P::cost));
        for (var sort : sorts.entrySet()) {
            Comparator<P> ascending = sort.getValue().thenComparing(P::id);
            Comparator<P> descending = sort.getValue().reversed().thenComparing(P::id);
            assertEquals(expected(ALICE, p -> true, ascending), ids(ALICE, "sort", sort.getKey() + ":asc"), sort.getKey() + ":asc");
            assertEquals(expected(ALICE, p -> true, descending), ids(ALICE, "sort", sort.getKey() + ":desc"), sort.getKey() + ":desc");
        }
        assertEquals(ids(ALICE, "sort", "name:asc"), ids(ALICE, "sort", "name"), "name sorts A to Z unless told");
        assertEquals(ids(ALICE, "sort", "usageCount:desc"), ids(ALICE, "sort", "usageCount"), "numbers and dates sort highest first unless told");
        List<String> haikus = ids(ALICE, "sort", "name:desc");
        assertTrue(haikus.indexOf("prm_a06") + 1 == haikus.indexOf("prm_a07"), "equal names keep id order in both directions: " + haikus);
    }

    @Test
    void relevancePutsTheBestMatchFirstAndIsTheDefaultWithText() {
        List<String> release = ids(ALICE, "q", "release notes");
        assertEquals("prm_a01", release.get(0));
        assertEquals(release, ids(ALICE, "q", "release notes", "sort", "relevance"));
        assertEquals(List.of("prm_a06", "prm_a07"), ids(ALICE, "q", "haiku"), "equal scores in id order");
        assertEquals(List.of("prm_a11", "prm_a01"), ids(ALICE, "q", "summarise", "sort", "updatedAt:asc"));
    }

    // ------------------------------------------------------------------ quick filters

    @Test
    void recentIsUpdatedInTheLastSevenDaysNewestFirst() {
        assertEquals(List.of("prm_a03", "prm_a01", "prm_a05", "prm_a10", "prm_a08", "prm_a13"), ids(ALICE, "quick", "recent"));
        assertEquals(List.of("prm_a08", "prm_a05", "prm_a13", "prm_a01", "prm_a03", "prm_a10"), ids(ALICE, "quick", "recent", "sort", "name"));
    }

    @Test
    void highCostIsTheTopDecileOfTheCallersCostPerRun() {
        // 13 of Alice's prompts have run: eleven at 0.01 per run, Bug triage at 1.00 and Contract review at 2.00
        assertEquals(List.of("prm_a08", "prm_a09"), ids(ALICE, "quick", "high-cost"));
        assertEquals(List.of("prm_a08", "prm_a09"), ids(ALICE, "quick", "high-cost", "scope", "all"));
        assertEquals(List.of("prm_a08", "prm_a09"), walk(ALICE, 1, "quick", "high-cost"), "every page filters with the first page's threshold");
        // Bob: b01 at 0.10 per run, b02 at 2.00 — his threshold, not Alice's
        assertEquals(List.of("prm_b02"), ids(BOB, "quick", "high-cost"));
    }

    @Test
    void highCostWithoutAnyRunIsEmpty() {
        Results results = search.search(Visibility.of("usr_new_" + UUID.randomUUID()), params("quick", "high-cost", "facets", "true"));
        assertEquals(List.of(), results.items());
        assertEquals(0, results.total());
        assertEquals(List.of(), results.facets().get("tags"));
    }

    // ------------------------------------------------------------------ facets and totals

    @Test
    void facetsCountTheCurrentResults() {
        Results results = search.search(Visibility.of(ALICE), params("model", "gpt-4o", "facets", "true", "limit", "2"));

        assertEquals(8, results.total());
        assertEquals(2, results.items().size());
        assertEquals(List.of(new FacetCount("eng", 6), new FacetCount("poetry", 2), new FacetCount("hr", 1), new FacetCount("sql", 1),
                new FacetCount("testing", 1), new FacetCount("writing", 1)), results.facets().get("tags"));
        assertEquals(List.of(new FacetCount("gpt-4o", 8)), results.facets().get("models"));
        assertEquals(List.of(new FacetCount(COL_B, 5), new FacetCount(COL_A, 2)), results.facets().get("collections"));
        assertEquals(List.of(new FacetCount("private", 7), new FacetCount("public", 1)), results.facets().get("visibility"));
        assertNull(search.search(Visibility.of(ALICE), params("model", "gpt-4o")).facets(), "facets only when asked");
    }

    @Test
    void resultsCarryTheSummaryFieldsAndHighlightsFromTheIndex() {
        PromptSummary hit = search.search(Visibility.of(ALICE), params("q", "french")).items().get(0);

        assertEquals("prm_a02", hit.id());
        assertEquals("Email translator", hit.fields().name());
        assertEquals("Translate the custom", hit.contentPreview());
        assertEquals(List.of("writing", "lang"), hit.fields().tags());
        assertEquals(10, hit.status().usageCount());
        assertEquals(0.10, hit.status().totalCostUsd());
        assertTrue(hit.highlights().get("content").get(0).contains("<em>French</em>"), hit.highlights().toString());
        assertNull(search.search(Visibility.of(ALICE), params("tag", "lang")).items().get(0).highlights(), "no text, no highlights");
    }

    // ------------------------------------------------------------------ visibility

    @Test
    void scopeAllAddsOtherUsersPublicPromptsOnly() {
        List<String> all = ids(ALICE, "scope", "all", "limit", "100");
        assertEquals(expected(null, p -> p.owner().equals(ALICE) || p.visibility().equals("public"), byUpdatedDesc()), all);
        assertTrue(all.contains("prm_b01") && all.contains("prm_c01"));
        assertFalse(all.contains("prm_b02") || all.contains("prm_b03"));
        assertEquals(List.of("prm_a06", "prm_a07"), ids(ALICE, "q", "haiku", "scope", "all"), "Bob's private haiku stays his");
        assertEquals(List.of("prm_a02", "prm_c01"), sorted(ids(ALICE, "q", "\"keeping the tone polite\"", "scope", "all")));
        PromptSummary bobs = search.search(Visibility.of(ALICE), params("scope", "all", "collection", COL_BOB)).items().get(0);
        assertFalse(bobs.status().favorite(), "Bob's favourite flag is not Alice's");
    }

    @Test
    void anotherOwnersIdsInFiltersMatchNothingOfTheirs() {
        assertEquals(List.of(), ids(ALICE, "collection", COL_BOB));
        assertEquals(List.of("prm_b01"), ids(ALICE, "collection", COL_BOB, "scope", "all"), "only the public one");
        assertEquals(List.of(), ids(ALICE, "tag", BOB));
        assertEquals(List.of(), ids(ALICE, "model", BOB));
        assertEquals(List.of(), ids(ALICE, "q", BOB));
        assertEquals(List.of(), ids(ALICE, "q", "kangaroo", "scope", "all"));
    }

    @Test
    void searchTextIsNeverQuerySyntax() {
        assertEquals(List.of(), ids(ALICE, "q", "*"));
        assertEquals(List.of(), ids(ALICE, "q", "*", "scope", "all"));
        assertEquals(List.of(), ids(ALICE, "q", "ownerId:" + BOB + " OR *"));
        assertEquals(List.of(), ids(ALICE, "q", "visibility:private OR ownerId:*"));
        assertEquals(List.of(), ids(ALICE, "q", "\"unbalanced"));
        assertEquals(List.of("prm_a01"), ids(ALICE, "q", "\"release"));
        assertEquals(List.of("prm_a01"), ids(ALICE, "q", "release AND (notes OR {[~^"));
        String longest = "word".repeat(SearchParams.MAX_TEXT / 4);
        assertEquals(List.of(), ids(ALICE, "q", longest));
        String manyWords = "abcde ".repeat(SearchParams.MAX_TEXT / 6).strip();
        assertEquals(List.of(), ids(ALICE, "q", manyWords), "many fuzzy words stay one valid query");
    }

    @Test
    void typosAndPhrases() {
        assertEquals(List.of("prm_a02"), ids(ALICE, "q", "tranlsator"));
        assertEquals(List.of("prm_a11"), ids(ALICE, "q", "trnascript"));
        assertEquals(List.of(), ids(ALICE, "q", "sqk"), "no edit in words under four letters");
        assertEquals(List.of("prm_a02"), ids(ALICE, "q", "\"keeping the tone polite\""));
        assertEquals(List.of(), ids(ALICE, "q", "\"polite tone\""));
        assertEquals(List.of("prm_a01"), ids(ALICE, "q", "\"release notes\" merged"));
    }

    // ------------------------------------------------------------------ paging

    @Test
    void walkingEveryPageGivesTheWholeSortedListOnce() {
        for (String sort : List.of("usageCount:desc", "cost:asc", "name:asc", "createdAt:desc", "updatedAt:asc")) {
            List<String> whole = ids(ALICE, "sort", sort, "scope", "all", "limit", "100");
            for (int limit : List.of(1, 3, 7)) {
                List<String> walked = walk(ALICE, limit, "sort", sort, "scope", "all");
                assertEquals(whole, walked, sort + " by " + limit);
                assertEquals(walked.size(), new HashSet<>(walked).size());
            }
        }
        assertEquals(ids(ALICE, "q", "write writer", "limit", "100"), walk(ALICE, 2, "q", "write writer"));
    }

    @Test
    void aCursorWorksOnlyForItsOwnQueryAndCaller() {
        String cursor = search.search(Visibility.of(ALICE), params("tag", "eng", "limit", "2")).nextCursor();
        assertNotNull(cursor);

        assertEquals(List.of("prm_a08", "prm_a15", "prm_a14"), ids(search.search(Visibility.of(ALICE), params("tag", "eng", "limit", "3", "cursor", cursor))),
                "another page size continues the same walk");
        assertBadRequest(ALICE, params("tag", "hr", "limit", "2", "cursor", cursor));
        assertBadRequest(ALICE, params("tag", "eng", "sort", "name", "cursor", cursor));
        assertBadRequest(ALICE, params("tag", "eng", "scope", "all", "cursor", cursor));
        assertBadRequest(BOB, params("tag", "eng", "limit", "2", "cursor", cursor));
        String json = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                json.replace("prm_a01", "prm_a00").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertBadRequest(ALICE, params("tag", "eng", "limit", "2", "cursor", tampered));
    }

    // ------------------------------------------------------------------ helpers

    private static void assertBadRequest(String caller, SearchParams params) {
        ApiException e = assertThrows(ApiException.class, () -> search.search(Visibility.of(caller), params));
        assertEquals(ProblemType.BAD_REQUEST, e.type());
    }

    private static List<String> walk(String caller, int limit, String... query) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            List<String> pairs = new ArrayList<>(List.of(query));
            pairs.addAll(List.of("limit", Integer.toString(limit)));
            if (cursor != null) {
                pairs.addAll(List.of("cursor", cursor));
            }
            Results page = search.search(Visibility.of(caller), params(pairs.toArray(String[]::new)));
            assertTrue(page.items().size() <= limit);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);
        return seen;
    }

    private static List<String> ids(String caller, String... query) {
        return ids(search.search(Visibility.of(caller), params(query)));
    }

    private static List<String> ids(Results results) {
        return results.items().stream().map(PromptSummary::id).toList();
    }

    /** Name/value pairs; a repeated name repeats the parameter. */
    static SearchParams params(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], name -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return SearchParams.parse(query);
    }

    /** The corpus ids of {@code owner} (null: anyone) matching, in the given order. */
    private static List<String> expected(String owner, Predicate<P> matching, Comparator<P> order) {
        return CORPUS.stream().filter(p -> owner == null || p.owner().equals(owner)).filter(matching).sorted(order).map(P::id).toList();
    }

    private static Comparator<P> byUpdatedDesc() {
        return Comparator.comparing(P::updatedAt).reversed().thenComparing(P::id);
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().collect(Collectors.toList());
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
