package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.Json;
import io.promptcms.local.LocalRuntime;
import io.promptcms.local.Options;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.pump.FailedEventReplay;
import io.promptcms.local.pump.Pumps;
import io.promptcms.local.testing.ApiUser;
import io.promptcms.local.testing.ProjectDir;
import io.promptcms.search.IndexComparison;
import io.promptcms.search.ReindexReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An OpenSearch outage as the documented procedure handles it, on its own runtime (it stops OpenSearch, which the
 * shared runtime's other tests need): writes keep succeeding while the node is down, the indexer gives up after the
 * template's retries and leaves the batches in failed/, and after the restart replaying them converges the index
 * on the table — equal ids and versions — as does a reindex.
 */
class SearchConvergenceTest {

    private static final String INDEXER = "PromptIndexerFunction";
    private static final Duration PUMPS = Duration.ofSeconds(180);

    @Test
    void anOpenSearchOutageLosesNoWriteAndTheIndexConvergesAfterReplayAndReindex() throws IOException {
        try (RunningRuntime runtime = LocalRuntime.start(Options.forTests(ProjectDir.find()))) {
            ApiUser user = ApiUser.create(runtime, "convergence");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(create(user, "Before the outage " + i));
            }
            assertTrue(runtime.awaitIdle(PUMPS));
            assertEquals(5, runtime.compareIndex().indexDocuments());

            runtime.stopOpenSearch();
            for (int i = 0; i < 3; i++) {
                ids.add(create(user, "During the outage " + i));
            }
            assertEquals(200, user.put("/prompts/" + ids.get(0), Json.write(Map.of("name", "Edited during the outage", "content", "new text"))).status());
            assertEquals(200, user.put("/prompts/" + ids.get(5), Json.write(Map.of("name", "Created and edited during the outage", "content", "v2"))).status());
            assertEquals(204, user.send("DELETE", "/prompts/" + ids.get(1), null, Map.of()).status());
            assertTrue(runtime.awaitIdle(PUMPS), "the indexer gives up after the template's MaximumRetryAttempts");
            assertFalse(failedFiles(runtime).isEmpty(), "what the indexer gave up on is kept in failed/" + INDEXER);

            runtime.startOpenSearch();
            IndexComparison stale = runtime.compareIndex();
            assertFalse(stale.equal(), "the outage's writes are not indexed yet: " + stale);

            List<FailedEventReplay.Result> replayed = runtime.replayFailed(Optional.of(INDEXER));
            assertEquals(List.of(), replayed.getFirst().stillFailing());
            assertTrue(replayed.getFirst().replayed() > 0);
            assertEquals(List.of(), failedFiles(runtime), "a replayed file is removed");
            IndexComparison converged = runtime.compareIndex();
            assertTrue(converged.equal(), converged.toString());
            assertEquals(7, converged.tableItems());
            assertEquals(7, converged.indexDocuments());

            ReindexReport reindexed = runtime.reindex();
            assertTrue(reindexed.swapped());
            assertEquals(7, reindexed.indexed());
            assertTrue(reindexed.comparison().equal(), reindexed.comparison().toString());
            var found = user.get("/prompts?q=" + java.net.URLEncoder.encode("\"Edited during the outage\"", java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, found.status(), found.text());
            assertTrue(found.text().contains(ids.get(0)), "search serves from the rebuilt index: " + found.text());
        }
    }

    private static String create(ApiUser user, String name) {
        var created = user.post("/prompts", Json.write(Map.of("name", name, "content", "Text of " + name)));
        assertEquals(201, created.status(), created.text());
        return created.json().get("id").asText();
    }

    private static List<Path> failedFiles(RunningRuntime runtime) throws IOException {
        Path dir = Pumps.failedDir(runtime.dataDir()).resolve(INDEXER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
