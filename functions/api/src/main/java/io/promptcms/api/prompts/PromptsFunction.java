package io.promptcms.api.prompts;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.api.http.Route;
import io.promptcms.api.http.SnapStartPriming;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.Lazy;
import io.promptcms.idempotency.IdempotencyService;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.OpenSearchPromptSearch;
import io.promptcms.search.PromptSearch;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

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

    private final SnapStartPriming priming;

    private PromptsFunction(Wiring wiring) {
        super(new PromptRoutes(wiring.service()).routes(), wiring.idempotency(), wiring.rateLimiter());
        this.priming = SnapStartPriming.register(wiring::prime);
    }

    /**
     * The clients and services of one container, built once. S3 (only for content too large for an item) and
     * OpenSearch (only for searches) are built on first use, so a plain read does not pay for them at cold start.
     */
    private record Wiring(PromptService service, IdempotencyGuard idempotency, RateLimiter rateLimiter, Lazy<S3Client> s3, Lazy<PromptSearch> search) {

        static Wiring of(Env env) {
            var aws = new AwsClients(env);
            var dynamo = aws.dynamoDb();
            var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
            var clock = Clock.systemUTC();
            Lazy<S3Client> s3 = Lazy.of(aws::s3);
            URI searchEndpoint = URI.create(env.require(OpenSearchClients.ENDPOINT));
            String searchAlias = env.require(OpenSearchClients.ALIAS);
            Lazy<PromptSearch> search = Lazy.of(() -> new OpenSearchPromptSearch(OpenSearchClients.create(searchEndpoint, aws), searchAlias));
            var service = new PromptService(
                    new PromptRepository(dynamo, enhanced, env.require("PROMPTS_TABLE"), env.require("PROMPT_VERSIONS_TABLE")),
                    new S3ContentStore(s3, env.require("BUCKET_NAME")),
                    (caller, params) -> search.get().search(caller, params),
                    new DynamoCollectionLookup(dynamo, env.require("COLLECTIONS_TABLE")),
                    clock);
            var idempotency = new DynamoIdempotencyGuard(new IdempotencyService(dynamo, env.require("IDEMPOTENCY_TABLE"), clock));
            return new Wiring(service, idempotency, RateLimits.fromEnvironment(env, dynamo), s3, search);
        }

        /** A read of a prompt that cannot exist (exercises DynamoDB, the schemas, JSON) and the lazy clients. */
        void prime() {
            try {
                service.get("usr_priming", "prm_00000000000000000");
            } catch (ApiException expected) {
                // not found: that is the point
            }
            s3.get();
            search.get();
        }
    }
}
