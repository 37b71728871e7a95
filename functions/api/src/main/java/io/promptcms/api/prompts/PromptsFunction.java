package io.promptcms.api.prompts;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.ProblemType;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.PromptSearch;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** Prompt CRUD, versions, restore, favourites and search: the routes of template.yaml's PromptsFunction. */
public final class PromptsFunction extends HttpApiFunction {

    /** For the route catalog: the keys of the same route list, built without a service (no action runs). */
    public static final List<String> ROUTE_KEYS = new PromptRoutes(null).routes().stream().map(Route::routeKey).toList();

    public PromptsFunction() {
        this(Env.system());
    }

    public PromptsFunction(Env env) {
        this(Wiring.of(env));
    }

    private PromptsFunction(Wiring wiring) {
        super(new PromptRoutes(wiring.service()).routes(), wiring.idempotency());
    }

    /** The clients and services of one container, built once. */
    private record Wiring(PromptService service, IdempotencyGuard idempotency) {

        static Wiring of(Env env) {
            var aws = new AwsClients(env);
            var dynamo = aws.dynamoDb();
            var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
            var clock = Clock.systemUTC();
            var service = new PromptService(
                    new PromptRepository(dynamo, enhanced, env.require("PROMPTS_TABLE"), env.require("PROMPT_VERSIONS_TABLE")),
                    new S3ContentStore(aws.s3(), env.require("BUCKET_NAME")),
                    search(env),
                    new DynamoCollectionLookup(dynamo, env.require("COLLECTIONS_TABLE")),
                    clock);
            return new Wiring(service, new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require("IDEMPOTENCY_TABLE"), clock)));
        }

        // MERGE: replace the body with `return io.promptcms.search.OpenSearchPromptSearch.create(env);`
        private static PromptSearch search(Env env) {
            return query -> {
                throw new ApiException(ProblemType.UNAVAILABLE, "search is not available yet");
            };
        }
    }
}
