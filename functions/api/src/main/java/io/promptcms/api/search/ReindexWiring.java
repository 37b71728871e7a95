package io.promptcms.api.search;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.search.PromptReindexer;

/** The objects of one {@link ReindexFunction} container, built once from its environment. */
record ReindexWiring(PromptReindexer reindexer) {

    /** Reads PROMPTS_TABLE, BUCKET_NAME, OPENSEARCH_ENDPOINT and OPENSEARCH_ALIAS. */
    static ReindexWiring of(Env env) {
        return new ReindexWiring(PromptReindexer.create(env, new AwsClients(env)));
    }
}
