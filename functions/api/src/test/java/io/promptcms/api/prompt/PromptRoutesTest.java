package io.promptcms.api.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.Json;
import io.promptcms.duplicate.DuplicateDetection;
import io.promptcms.duplicate.DuplicateFinder;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.PromptSearch;
import io.promptcms.search.PromptSearchQuery;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The routes on their own: a search goes to the search index, never through the prompts table. */
class PromptRoutesTest {

    @Test
    void searchAsksTheIndexForWhatTheCallerMaySee() throws Exception {
        String user = "usr_" + UUID.randomUUID();
        var answer = new PromptSearch.Results(List.of(), "next", 7, null);
        AtomicReference<String> asked = new AtomicReference<>();
        PromptSearch search = (caller, params) -> {
            assertEquals(PromptSearchQuery.Visibility.of(user), caller);
            asked.set(params.canonicalQueryString());
            return answer;
        };

        var response = listRoute(search).action().apply(request(user, "q=alpha&scope=all"));

        assertEquals(200, response.status());
        assertEquals(Json.MAPPER.readTree(Json.write(answer)), Json.MAPPER.readTree(response.body()));
        assertEquals(io.promptcms.search.SearchParams.parse(Map.of("q", List.of("alpha"), "scope", List.of("all"))).canonicalQueryString(), asked.get());
    }

    /** The list route, over a table and store that a search never reaches (both unreachable). */
    private static Route listRoute(PromptSearch search) {
        DynamoDbClient unreachableDynamo = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        S3Client unreachableS3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
        var repository = new PromptRepository(unreachableDynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(unreachableDynamo).build(),
                "prompts", "versions");
        var contents = new S3ContentStore(unreachableS3, "bucket");
        var service = new PromptService(repository, contents, (owner, ids) -> Set.of(), Clock.systemUTC());
        var duplicates = new DuplicateDetection(service, new DuplicateFinder(repository, contents, (owner, exclude, text, max) -> List.of()));
        return new PromptRoutes(service, duplicates, search).routes().stream()
                .filter(route -> route.routeKey().equals("GET " + PromptRoutes.BASE)).findFirst().orElseThrow();
    }

    private static ApiRequest request(String userId, String query) {
        var event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET " + PromptRoutes.BASE)
                .withRawPath(PromptRoutes.BASE)
                .withRawQueryString(query)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(PromptRoutes.BASE).build())
                        .build())
                .build();
        return new ApiRequest(event, new Principal(userId, "key_routes", "test", Set.of(Scope.PROMPTS_READ)));
    }
}
