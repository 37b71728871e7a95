package io.promptcms.local.bootstrap;

import io.promptcms.apikey.ApiKeyService;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.search.PromptReindexer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the runtime calls into the domain: creating a user with an API key and the search index.
 * Each runs with the resolved environment of the function that owns that data in the template (the one that
 * declares {@code API_KEYS_TABLE}, resp. the prompts table, the bucket and the OpenSearch variables), so it uses the
 * same names the handlers use.
 */
public final class ProjectWiring {

    private static final String[] REINDEX_VARIABLES = {
            EnvNames.PROMPTS_TABLE, EnvNames.BUCKET_NAME, EnvNames.OPENSEARCH_ENDPOINT, EnvNames.OPENSEARCH_ALIAS};

    private ProjectWiring() {
    }

    /** A brand-new user holding a key with every scope; the key's secret, or empty when no function keeps API keys. */
    public static Optional<String> createUserWithKey(Map<String, Map<String, String>> environments, String keyName) {
        return environmentDeclaring(environments, EnvNames.API_KEYS_TABLE).map(env ->
                new ApiKeyService(new AwsClients(env).dynamoDb(), env.require(EnvNames.API_KEYS_TABLE), Clock.systemUTC())
                        .createUserWithKey(keyName).secret());
    }

    /**
     * Creates the prompts index and its alias if missing, and rebuilds it from the table when it was built from an
     * older mapping version (a persisted data dir after a mapping change); false when no function uses OpenSearch.
     */
    public static boolean ensureSearchIndex(Map<String, Map<String, String>> environments) {
        Optional<PromptReindexer> reindexer = reindexer(environments);
        reindexer.ifPresent(PromptReindexer::ensureIndex);
        return reindexer.isPresent();
    }

    /**
     * The reindexer, with the environment of a function that reads the prompts table, its content and the index
     * (the reindex function once the template declares it, which reads exactly these).
     */
    public static Optional<PromptReindexer> reindexer(Map<String, Map<String, String>> environments) {
        return environmentDeclaring(environments, REINDEX_VARIABLES).map(env -> PromptReindexer.create(env, new AwsClients(env)));
    }

    private static Optional<Env> environmentDeclaring(Map<String, Map<String, String>> environments, String... variables) {
        return environments.values().stream().filter(env -> env.keySet().containsAll(List.of(variables))).findFirst().map(Env::of);
    }
}
