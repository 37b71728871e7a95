package io.promptcms.api.importexport;

import io.promptcms.aws.AwsClients;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Lazy;
import io.promptcms.importexport.exports.ExportJobStore;
import io.promptcms.importexport.exports.ExportService;
import io.promptcms.importexport.exports.PromptExporter;
import io.promptcms.importexport.imports.DynamoImportJobStore;
import io.promptcms.importexport.imports.ImportPipeline;
import io.promptcms.importexport.imports.ImportService;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.S3ContentStore;
import io.promptcms.search.OpenSearchClients;
import io.promptcms.search.OpenSearchPromptSearch;
import io.promptcms.search.PromptSearch;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the import and export services over what the four import and export functions share: the prompts and
 * collections they read and write, the bucket their files go through. Each function's root ({@link ImportsWiring},
 * {@link ImportWiring}, {@link ExportsWiring}, {@link ExportWiring}) takes the service it needs; the HTTP functions
 * hand out presigned URLs, the S3-triggered ones do not.
 */
final class ImportExportServices {

    /** Parallel BatchWriteItem writers per import. */
    private static final int WRITERS = 4;

    private ImportExportServices() {
    }

    static ImportService importJobs(Env env, AwsClients aws, DynamoDbClient dynamo, boolean handsOutUrls) {
        var shared = Shared.of(env, aws, dynamo);
        var pipeline = new ImportPipeline(shared.prompts(), shared.contents(), shared.collections(), shared.s3(), shared.bucket(),
                shared.clock(), WRITERS);
        var destinations = new DynamoCollectionLookup(dynamo, env.require(EnvNames.COLLECTIONS_TABLE));
        return new ImportService(new DynamoImportJobStore(dynamo, env.require(EnvNames.IMPORT_JOBS_TABLE)), pipeline, destinations,
                shared.s3(), handsOutUrls ? aws.s3Presigner() : null, shared.bucket(), shared.clock());
    }

    /** OpenSearch is only needed for a free-text filter, so its client is built on first use. */
    static ExportService exports(Env env, AwsClients aws, DynamoDbClient dynamo, boolean handsOutUrls) {
        var shared = Shared.of(env, aws, dynamo);
        URI searchEndpoint = URI.create(env.require(EnvNames.OPENSEARCH_ENDPOINT));
        String searchAlias = env.require(EnvNames.OPENSEARCH_ALIAS);
        Lazy<PromptSearch> search = Lazy.of(() -> new OpenSearchPromptSearch(OpenSearchClients.create(searchEndpoint, aws), searchAlias));
        var exporter = new PromptExporter(shared.prompts(), (caller, params) -> search.get().search(caller, params), shared.contents(),
                shared.collections());
        return new ExportService(exporter, new ExportJobStore(dynamo, env.require(EnvNames.EXPORT_JOBS_TABLE)), shared.s3(),
                handsOutUrls ? aws.s3Presigner() : null, shared.bucket(), shared.clock());
    }

    /** The storage both services work on. */
    private record Shared(PromptRepository prompts, CollectionService collections, S3ContentStore contents, S3Client s3, String bucket,
                          Clock clock) {

        static Shared of(Env env, AwsClients aws, DynamoDbClient dynamo) {
            var clock = Clock.systemUTC();
            var s3 = aws.s3();
            String bucket = env.require(EnvNames.BUCKET_NAME);
            String promptsTable = env.require(EnvNames.PROMPTS_TABLE);
            var prompts = new PromptRepository(dynamo, DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), promptsTable,
                    env.require(EnvNames.PROMPT_VERSIONS_TABLE));
            var collections = new CollectionService(dynamo, env.require(EnvNames.COLLECTIONS_TABLE), promptsTable, clock);
            return new Shared(prompts, collections, new S3ContentStore(s3, bucket), s3, bucket, clock);
        }
    }
}
