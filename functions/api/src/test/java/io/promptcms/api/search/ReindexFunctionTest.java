package io.promptcms.api.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.api.testing.LocalDynamoServer;
import io.promptcms.common.ApiException;
import io.promptcms.common.EnvNames;
import io.promptcms.local.engine.SharedEngines;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The reindex Lambda as invoked by hand: {@code {}} rebuilds and reports, {@code {"compareOnly": true}} only compares. */
class ReindexFunctionTest {

    private static LocalDynamoServer dynamo;
    private static ReindexFunction function;

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoServer.start();
        function = new ReindexFunction(dynamo.env(Map.of(
                EnvNames.PROMPTS_TABLE, LocalDynamoServer.PROMPTS,
                EnvNames.BUCKET_NAME, "promptcms-test",
                EnvNames.OPENSEARCH_ENDPOINT, SharedEngines.openSearchUrl(),
                EnvNames.OPENSEARCH_ALIAS, "reindex-function-test",
                EnvNames.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:9")));
        dynamo.client().putItem(r -> r.tableName(LocalDynamoServer.PROMPTS).item(Map.of(
                "id", AttributeValue.fromS("prm_reindexed"), "ownerId", AttributeValue.fromS("usr_a"), "name", AttributeValue.fromS("Reindexed"),
                "content", AttributeValue.fromS("text"), "visibility", AttributeValue.fromS("private"), "revision", AttributeValue.fromN("2"),
                "version", AttributeValue.fromN("1"), "createdAt", AttributeValue.fromS("2026-01-05T10:00:00.000Z"),
                "updatedAt", AttributeValue.fromS("2026-01-05T10:00:00.000Z"))));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void compareOnlyReportsTheDifferenceThenAReindexRemovesIt() {
        @SuppressWarnings("unchecked")
        var before = (Map<String, Object>) function.handleRequest(Map.of("compareOnly", true), null).get("comparison");
        assertEquals(1, ((Number) before.get("tableItems")).intValue());
        assertEquals(java.util.List.of("prm_reindexed"), before.get("missingFromIndex"));

        Map<String, Object> report = function.handleRequest(Map.of(), null);

        assertEquals(true, report.get("swapped"), report.toString());
        assertEquals(1, ((Number) report.get("indexed")).intValue());
        assertEquals(0, ((Number) report.get("failed")).intValue());
        @SuppressWarnings("unchecked")
        var after = (Map<String, Object>) report.get("comparison");
        assertEquals(0, ((Number) after.get("missingFromIndexCount")).intValue(), after.toString());
        assertEquals(0, ((Number) after.get("versionMismatchCount")).intValue());
    }

    @Test
    void anUnknownInputIsRefused() {
        var error = assertThrows(ApiException.class, () -> function.handleRequest(Map.of("compare", true), null));
        assertTrue(error.getMessage().contains("compareOnly"));
        assertFalse(assertThrows(ApiException.class, () -> function.handleRequest(Map.of("compareOnly", "yes"), null))
                .getMessage().isEmpty());
    }
}
