package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.testing.ApiUser;
import io.promptcms.local.testing.SharedRuntime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search as a user with a library of 2,000 imported prompts meets it on the local runtime: each filter, sort and quick
 * filter returns exactly the prompts the generated library says it should, facets count them, saved searches
 * reproduce their view, and nobody else sees any of it.
 */
class SearchJourneyTest {

    private static final int PROMPTS = 2_000;
    private static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
    private static final String MARKER = "zephyrquill";

    private static RunningRuntime runtime;
    private static ApiUser librarian;

    @BeforeAll
    static void importTheLibrary() throws Exception {
        runtime = SharedRuntime.get();
        librarian = ApiUser.create(runtime, "librarian");
        StringBuilder csv = new StringBuilder("name,content,tags,model\n");
        for (int i = 0; i < PROMPTS; i++) {
            csv.append(name(i)).append(',').append(content(i)).append(',').append(String.join(";", tags(i))).append(',').append(model(i)).append('\n');
        }
        ApiUser.Answer imported = librarian.post("/prompts/bulk-import", Json.write(Map.of("fileName", "library.csv", "content", csv.toString())));
        assertEquals("succeeded", imported.json().at("/job/state").asText(), imported.text().substring(0, Math.min(400, imported.text().length())));
        // the index follows the table through the stream: wait until it holds the whole library
        for (int attempt = 0; attempt < 120 && total("sort=name") < PROMPTS; attempt++) {
            runtime.awaitIdle(Duration.ofSeconds(5));
            Thread.sleep(250);
        }
        assertEquals(PROMPTS, total("sort=name"));
    }

    @Test
    void eachFilterReturnsExactlyItsPrompts() {
        assertEquals(expected(i -> tags(i).contains("t3")), names("tag=t3"));
        assertEquals(expected(i -> tags(i).contains("t3") && tags(i).contains("shared")), names("tag=t3&tag=shared&tagMode=all"));
        assertEquals(expected(i -> tags(i).contains("t3") || tags(i).contains("t4")), names("tag=t3&tag=t4"));
        assertEquals(expected(i -> tags(i).isEmpty()), names("untagged=true"));
        assertEquals(expected(i -> tags(i).isEmpty()), names("quick=untagged"));
        assertEquals(expected(i -> model(i).equals("claude-sonnet-4-5") && tags(i).contains("shared")), names("model=claude-sonnet-4-5&tag=shared"));
        assertEquals(expected(i -> content(i).contains(MARKER)), names("q=" + MARKER));
        assertEquals(expected(i -> true), names("quick=recent"), "the whole library was imported just now");
    }

    @Test
    void sortsOrderTheWholeResultAndPagesNeitherRepeatNorSkip() {
        List<String> byName = IntStream.range(0, PROMPTS).filter(i -> model(i).equals("gpt-4o-mini")).mapToObj(SearchJourneyTest::name).sorted().toList();
        assertEquals(byName, walk("model=gpt-4o-mini&sort=name:asc", 37));
        assertEquals(byName.reversed(), walk("model=gpt-4o-mini&sort=name:desc", 100));
    }

    @Test
    void facetsCountTheCurrentQuery() {
        JsonNode facets = librarian.get("/prompts?model=gpt-4o&facets=true&limit=1").json().get("facets");
        Map<String, Long> expectedTags = new TreeMap<>();
        IntStream.range(0, PROMPTS).filter(i -> model(i).equals("gpt-4o")).forEach(i -> tags(i).forEach(tag -> expectedTags.merge(tag, 1L, Long::sum)));
        Map<String, Long> counted = new TreeMap<>();
        facets.get("tags").forEach(bucket -> counted.put(bucket.get("value").asText(), bucket.get("count").asLong()));
        assertEquals(expectedTags, counted);
        assertEquals(1, facets.get("models").size());
        assertEquals(expected(i -> model(i).equals("gpt-4o")).size(), facets.at("/models/0/count").asLong());
    }

    @Test
    void aSavedSearchReproducesItsView() {
        String query = "tag=t2&sort=name:desc&limit=50";
        JsonNode saved = librarian.post("/saved-searches", Json.write(Map.of("name", "t2, Z to A", "query", query))).json();
        String url = saved.get("url").asText();

        assertEquals(walk(query, 50), walk(url.substring(url.indexOf('?') + 1), 50));
        assertTrue(librarian.get("/saved-searches").json().get("items").toString().contains(saved.get("id").asText()));
    }

    @Test
    void nobodyElseFindsAnyOfItAndBadParametersAreProblems() {
        ApiUser stranger = ApiUser.create(runtime, "stranger");
        assertEquals(0, stranger.get("/prompts?q=" + MARKER + "&scope=all").json().get("total").asLong(), "private prompts stay private");
        assertEquals(0, stranger.get("/prompts?tag=t3&scope=all").json().get("total").asLong());

        for (String bad : List.of("sort=popularity", "createdFrom=yesterday", "tagMode=some", "minUsage=-1", "cursor=bm90LWEtY3Vyc29y&tag=t1")) {
            ApiUser.Answer answer = librarian.get("/prompts?" + bad);
            assertEquals(400, answer.status(), bad + ": " + answer.text());
            assertEquals("application/problem+json", answer.headers().get("content-type").getFirst());
        }
    }

    private static String name(int i) {
        return String.format("Library prompt %04d", i);
    }

    private static String content(int i) {
        return "Draft a reply about {{topic}} number " + i + (i % 100 == 7 ? " with " + MARKER + " flair" : "") + ".";
    }

    private static List<String> tags(int i) {
        if (i % 5 == 0) {
            return List.of();
        }
        return i % 3 == 0 ? List.of("t" + (i % 7), "shared") : List.of("t" + (i % 7));
    }

    private static String model(int i) {
        return MODELS.get(i % MODELS.size());
    }

    private static Set<String> expected(IntPredicate matches) {
        return IntStream.range(0, PROMPTS).filter(matches).mapToObj(SearchJourneyTest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every name the query matches, all pages. */
    private static Set<String> names(String query) {
        return new TreeSet<>(walk(query + "&sort=name", 100));
    }

    private static List<String> walk(String query, int limit) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String page = query.replaceAll("(^|&)limit=\\d+", "") + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ApiUser.Answer answer = librarian.get("/prompts?" + page);
            assertEquals(200, answer.status(), page + ": " + answer.text());
            answer.json().get("items").forEach(item -> names.add(item.get("name").asText()));
            cursor = answer.json().get("nextCursor").isNull() ? null : answer.json().get("nextCursor").asText();
        } while (cursor != null);
        return names;
    }

    private static long total(String query) {
        return librarian.get("/prompts?" + query + "&limit=1").json().get("total").asLong();
    }
}
