package io.promptcms.api.search;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.PromptIndexer;

/**
 * The objects of one {@link PromptIndexerFunction} container, built once from its environment. S3 is built on first
 * use: only content too large for an item is read from it.
 */
record PromptIndexerWiring(PromptIndexer indexer) {

    static PromptIndexerWiring of(Env env) {
        var aws = new AwsClients(env);
        var contents = new S3ContentStore(Lazy.of(aws::s3), env.require(EnvNames.BUCKET_NAME));
        return new PromptIndexerWiring(new PromptIndexer(OpenSearchClients.create(env, aws), env.require(EnvNames.OPENSEARCH_ALIAS), contents));
    }
}
