package io.promptcms.search;

import static io.promptcms.search.SearchFixture.ALIAS;
import static io.promptcms.search.SearchFixture.prompt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.PromptIndexer.Upsert;
import io.promptcms.search.PromptSearch.Results;
import io.promptcms.search.PromptSearchQuery.Visibility;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opensearch.client.opensearch.OpenSearchClient;

class OpenSearchPromptSearchTest {

    private static final String ALICE = "usr_alice_" + UUID.randomUUID();
    private static final String BOB = "usr_bob_" + UUID.randomUUID();
    private static final String LONG_CONTENT = "You are a thorough assistant. ".repeat(20)
            + "Translate the customer's email into French, keeping the tone polite. " + "Answer in one paragraph. ".repeat(20);

    private static PromptSearch search;

    @BeforeAll
    static void indexPrompts() {
        OpenSearchClient client = SearchFixture.clientWithIndex();
        List<StoredPrompt> prompts = new ArrayList<>();
        prompts.add(prompt("prm_release", ALICE, 1, "Release notes writer", "Summarise the merged pull requests as release notes."));
        prompts.add(prompt("prm_translate", ALICE, 1, "Email translator", LONG_CONTENT));
        StoredPrompt sql = prompt("prm_sql", ALICE, 1, new PromptFields("Query helper", "Write a SELECT statement for the schema below.",
                "Turns questions about the warehouse into SQL", List.of(), null, null, null));
        prompts.add(sql);
        StoredPrompt tagged = prompt("prm_tagged", ALICE, 1, new PromptFields("Onboarding", "Welcome the new hire.", "", List.of("hr"),
                null, null, null));
        prompts.add(tagged);
        prompts.add(prompt("prm_cafe", ALICE, 1, "Café menu", "Describe the dishes of the day with flair."));
        prompts.add(prompt("prm_bob_secret", BOB, 1, "Bob's plan", "Quarterly roadmap for the kangaroo project"));
        for (int i = 0; i < 5; i++) {
            prompts.add(prompt("prm_page_" + i, ALICE, 1, "Haiku " + i, "Write a haiku about autumn leaves"));
        }
        var changes = prompts.stream().map(item -> new Upsert(item.id(), item)).toList();
        assertEquals(Set.of(), new PromptIndexer(client, ALIAS, SearchFixture.INLINE_CONTENT).apply(changes));
        SearchFixture.refresh(client);
        search = new OpenSearchPromptSearch(client, ALIAS);
    }

    @Test
    void matchesNameContentDescriptionAndTags() {
        assertEquals(List.of("prm_release"), ids(alice("release")));
        assertEquals(List.of("prm_release"), ids(alice("pull requests")));
        assertEquals(List.of("prm_sql"), ids(alice("warehouse")));
        assertEquals(List.of("prm_tagged"), ids(alice("hr")));
    }

    @Test
    void highlightsTheMatchedWordsInShortFragments() {
        PromptSummary hit = alice("french").items().get(0);

        List<String> fragments = hit.highlights().get("content");
        assertNotNull(fragments);
        assertTrue(fragments.get(0).contains("<em>French</em>"), fragments.get(0));
        for (String fragment : fragments) {
            assertTrue(fragment.replace("<em>", "").replace("</em>", "").length() <= 150, fragment);
        }
        assertEquals(List.of("<em>Email</em> translator"), alice("email").items().get(0).highlights().get("name"));
    }

    @Test
    void toleratesATypo() {
        assertEquals(List.of("prm_translate"), ids(alice("tranlsate")));
        assertEquals(List.of("prm_release"), ids(alice("sumarise")));
    }

    @Test
    void matchesOtherFormsOfAWordAndIgnoresAccents() {
        assertEquals(List.of("prm_translate"), ids(alice("translating")));
        assertEquals(List.of("prm_cafe"), ids(alice("cafe")));
    }

    @Test
    void quotedTextMatchesOnlyTheExactPhrase() {
        assertEquals(List.of("prm_translate"), ids(alice("\"keeping the tone polite\"")));
        assertEquals(List.of(), ids(alice("\"polite tone\"")));
        assertEquals(List.of("prm_release"), ids(alice("\"release notes\" merged")));
    }

    @Test
    void neverReturnsAnotherOwnersPromptsEvenForTheirExactContent() {
        Results bob = search(BOB, "Summarise the merged pull requests as release notes.", 20, null);
        Results alice = alice("Quarterly roadmap for the kangaroo project");

        assertEquals(List.of("prm_bob_secret"), ids(bob), "only Bob's own prompt, matched by common words");
        assertEquals(1, bob.total());
        assertFalse(ids(alice).contains("prm_bob_secret"), ids(alice).toString());
        assertEquals(List.of(), ids(search(BOB, "release", 20, null)));
    }

    @Test
    void userTextIsNeverQuerySyntax() {
        assertEquals(List.of(), ids(alice("*")), "a lone * matches nothing rather than everything");
        assertEquals(List.of(), ids(alice("\\\"")));
        assertEquals(List.of(), ids(alice("ownerId:" + BOB)));
        assertEquals(List.of("prm_release"), ids(alice("release AND (notes OR {[~^")));
    }

    @Test
    void pagesThroughEqualScoresInAStableOrderWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Results page = search(ALICE, "haiku autumn", 2, cursor);
            assertEquals(5, page.total());
            seen.addAll(ids(page));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertEquals(List.of("prm_page_0", "prm_page_1", "prm_page_2", "prm_page_3", "prm_page_4"), seen);
    }

    @Test
    void lastPageHasNoCursor() {
        assertNull(search(ALICE, "haiku", 5, null).nextCursor());
    }

    @Test
    void cursorOfAnotherQueryOrOwnerIsABadRequest() {
        String cursor = search(ALICE, "haiku", 2, null).nextCursor();

        assertBadRequest(() -> search(ALICE, "autumn", 2, cursor));
        assertBadRequest(() -> search(BOB, "haiku", 2, cursor));
    }

    @Test
    void tamperedCursorIsABadRequest() {
        String cursor = search(ALICE, "haiku", 2, null).nextCursor();
        String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String tampered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.replace("prm_page_1", "prm_page_3").replace("\"query\":\"", "\"query\":\"x").getBytes(StandardCharsets.UTF_8));

        assertBadRequest(() -> search(ALICE, "haiku", 2, tampered));
        assertBadRequest(() -> search(ALICE, "haiku", 2, "not-a-cursor!"));
        assertBadRequest(() -> search(ALICE, "haiku", 2, Base64.getUrlEncoder().encodeToString("{\"after\":[{}],\"check\":\"x\"}".getBytes())));
    }

    private static void assertBadRequest(Executable search) {
        ApiException error = assertThrows(ApiException.class, search);
        assertEquals(ProblemType.BAD_REQUEST, error.type());
    }

    private static Results search(String owner, String text, int limit, String cursor) {
        Map<String, List<String>> query = new HashMap<>(Map.of("q", List.of(text), "limit", List.of(Integer.toString(limit))));
        if (cursor != null) {
            query.put("cursor", List.of(cursor));
        }
        return search.search(Visibility.of(owner), SearchParams.parse(query));
    }

    private static Results alice(String text) {
        return search(ALICE, text, 20, null);
    }

    private static List<String> ids(Results page) {
        return page.items().stream().map(PromptSummary::id).toList();
    }
}
