package io.promptcms.local.bootstrap;

import io.promptcms.apikey.ApiKeyService;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.PromptIndexAdmin;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the runtime calls into the domain: creating a user with an API key and the search index.
 * Each runs with the resolved environment of the function that owns that data in the template (the one that
 * declares {@code API_KEYS_TABLE}, resp. {@code OPENSEARCH_ALIAS}), so it uses the same names the handlers use.
 */
public final class ProjectWiring {

    static final String API_KEYS_TABLE = "API_KEYS_TABLE";

    private ProjectWiring() {
    }

    /** A brand-new user holding a key with every scope; the key's secret, or empty when no function keeps API keys. */
    public static Optional<String> createUserWithKey(Map<String, Map<String, String>> environments, String keyName) {
        return environmentDeclaring(environments, API_KEYS_TABLE).map(env ->
                new ApiKeyService(new AwsClients(env).dynamoDb(), env.require(API_KEYS_TABLE), Clock.systemUTC())
                        .createUserWithKey(keyName).secret());
    }

    /** Creates the prompts index and its alias if missing; false when no function uses OpenSearch. */
    public static boolean ensureSearchIndex(Map<String, Map<String, String>> environments) {
        Optional<Env> env = environmentDeclaring(environments, OpenSearchClients.ALIAS);
        env.ifPresent(e -> PromptIndexAdmin.create(e).ensureIndex());
        return env.isPresent();
    }

    private static Optional<Env> environmentDeclaring(Map<String, Map<String, String>> environments, String variable) {
        return environments.values().stream().filter(env -> env.containsKey(variable)).findFirst().map(Env::of);
    }
}
