package io.promptcms.api.prompt;

import io.promptcms.api.http.DynamoIdempotencyGuard;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.RateLimits;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.duplicate.DuplicateDetection;
import io.promptcms.duplicate.DuplicateFinder;
import io.promptcms.duplicate.SimilarCandidates;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.ratelimit.RateLimiter;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.OpenSearchPromptSearch;
import io.promptcms.search.OpenSearchSimilarCandidates;
import io.promptcms.search.PromptSearch;
import java.net.URI;
import java.time.Clock;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The objects of one {@link PromptsFunction} container, built once from its environment. S3 (only for content too
 * large for an item) and OpenSearch (for searches, and for the similar prompts of a create and of {@code /similar})
 * are built on first use, so a plain read does not pay for them at cold start. The price: the first create of a
 * container without SnapStart builds the OpenSearch client (priming builds it before the snapshot), and every
 * create asks the byFingerprint index and sends one {@code more_like_this} search before it writes (a few ms each
 * when warm); OpenSearch down costs a failed connection, and the create still succeeds.
 */
record PromptsWiring(PromptService service, DuplicateDetection duplicates, PromptSearch search, IdempotencyGuard idempotency,
                     RateLimiter rateLimiter, Lazy<S3Client> s3, Lazy<OpenSearchClient> openSearch) {

    static PromptsWiring of(Env env) {
        var aws = new AwsClients(env);
        var dynamo = aws.dynamoDb();
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        Lazy<S3Client> s3 = Lazy.of(aws::s3);
        URI searchEndpoint = URI.create(env.require(EnvNames.OPENSEARCH_ENDPOINT));
        String searchAlias = env.require(EnvNames.OPENSEARCH_ALIAS);
        Lazy<OpenSearchClient> openSearch = Lazy.of(() -> OpenSearchClients.create(searchEndpoint, aws));
        Lazy<PromptSearch> search = Lazy.of(() -> new OpenSearchPromptSearch(openSearch.get(), searchAlias));
        Lazy<SimilarCandidates> candidates = Lazy.of(() -> new OpenSearchSimilarCandidates(openSearch.get(), searchAlias));
        var repository = new PromptRepository(dynamo, enhanced, env.require(EnvNames.PROMPTS_TABLE), env.require(EnvNames.PROMPT_VERSIONS_TABLE));
        var contents = new S3ContentStore(s3, env.require(EnvNames.BUCKET_NAME));
        var service = new PromptService(repository, contents, new DynamoCollectionLookup(dynamo, env.require(EnvNames.COLLECTIONS_TABLE)),
                Clock.systemUTC());
        var finder = new DuplicateFinder(repository, contents,
                (ownerId, excludeId, text, max) -> candidates.get().candidates(ownerId, excludeId, text, max));
        return new PromptsWiring(service, new DuplicateDetection(service, finder), (caller, params) -> search.get().search(caller, params),
                DynamoIdempotencyGuard.fromEnvironment(env, dynamo), RateLimits.fromEnvironment(env, dynamo), s3, openSearch);
    }

    /** A read of a prompt that cannot exist (exercises DynamoDB, the schemas, JSON) and the lazy clients. */
    void prime() {
        try {
            service.get("usr_priming", "prm_00000000000000000");
        } catch (ApiException expected) {
            // not found: that is the point
        }
        s3.get();
        openSearch.get();
    }
}
