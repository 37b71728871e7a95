package io.promptcms.api.search;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.common.Env;
import io.promptcms.common.Json;
import io.promptcms.search.PromptReindexer;
import io.promptcms.search.ReindexRequest;
import java.util.Map;

/**
 * The reindex, invoked by hand ({@code aws lambda invoke --payload '{}'}): rebuilds the search index from the prompts
 * table, swaps the alias and answers the report (counts, failures, the comparison of table and index after the swap).
 * {@code {"compareOnly": true}} only compares and answers the comparison. Also the way to re-drive what the stream
 * indexer gave up on: its on-failure queue holds only shard and sequence ranges, and a reindex is idempotent.
 */
public final class ReindexFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private final PromptReindexer reindexer;

    public ReindexFunction() {
        this(Env.system());
    }

    public ReindexFunction(Env env) {
        this(ReindexWiring.of(env).reindexer());
    }

    public ReindexFunction(PromptReindexer reindexer) {
        this.reindexer = reindexer;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object result = ReindexRequest.of(input).compareOnly() ? Map.of("comparison", reindexer.compare()) : reindexer.reindex();
        return Json.MAPPER.convertValue(result, JSON_OBJECT);
    }
}
