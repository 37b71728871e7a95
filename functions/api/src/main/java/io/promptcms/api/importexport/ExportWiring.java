package io.promptcms.api.importexport;

import io.promptcms.aws.AwsClients;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.common.Lazy;
import io.promptcms.importexport.exports.ExportJobStore;
import io.promptcms.importexport.exports.Exports;
import io.promptcms.importexport.exports.PromptExporter;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.OpenSearchPromptSearch;
import io.promptcms.search.PromptSearch;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The export service of one container, built once from its environment; shared by the HTTP and the S3 function.
 * OpenSearch is only needed for a free-text filter, so its client is built on first use.
 */
final class ExportWiring {

    private ExportWiring() {
    }

    static Exports exports(Env env, AwsClients aws, boolean presigns) {
        var dynamo = aws.dynamoDb();
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        var clock = Clock.systemUTC();
        var s3 = aws.s3();
        String bucket = env.require("BUCKET_NAME");
        URI searchEndpoint = URI.create(env.require(OpenSearchClients.ENDPOINT));
        String searchAlias = env.require(OpenSearchClients.ALIAS);
        Lazy<PromptSearch> search = Lazy.of(() -> new OpenSearchPromptSearch(OpenSearchClients.create(searchEndpoint, aws), searchAlias));
        var prompts = new PromptRepository(dynamo, enhanced, env.require("PROMPTS_TABLE"), env.require("PROMPT_VERSIONS_TABLE"));
        var collections = new CollectionService(dynamo, env.require("COLLECTIONS_TABLE"), env.require("PROMPTS_TABLE"), clock);
        var exporter = new PromptExporter(prompts, (caller, params) -> search.get().search(caller, params), new S3ContentStore(s3, bucket), collections);
        return new Exports(exporter, new ExportJobStore(dynamo, env.require("EXPORT_JOBS_TABLE")), s3,
                presigns ? aws.s3Presigner() : null, bucket, clock);
    }
}
