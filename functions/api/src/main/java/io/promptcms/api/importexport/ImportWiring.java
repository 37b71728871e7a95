package io.promptcms.api.importexport;

import io.promptcms.aws.AwsClients;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Env;
import io.promptcms.importexport.imports.DynamoImportJobStore;
import io.promptcms.importexport.imports.ImportJobs;
import io.promptcms.importexport.imports.ImportPipeline;
import io.promptcms.prompt.DynamoCollectionLookup;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.S3ContentStore;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The import service of one container, built once from its environment; shared by the HTTP and the S3 function. */
final class ImportWiring {

    /** Parallel BatchWriteItem writers per import. */
    static final int WRITERS = 4;

    private ImportWiring() {
    }

    static ImportJobs jobs(Env env, AwsClients aws, DynamoDbClient dynamo, boolean presigns) {
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        var clock = Clock.systemUTC();
        var s3 = aws.s3();
        String bucket = env.require("BUCKET_NAME");
        var repository = new PromptRepository(dynamo, enhanced, env.require("PROMPTS_TABLE"), env.require("PROMPT_VERSIONS_TABLE"));
        var collections = new CollectionService(dynamo, env.require("COLLECTIONS_TABLE"), env.require("PROMPTS_TABLE"), clock);
        var pipeline = new ImportPipeline(repository, new S3ContentStore(s3, bucket), collections, s3, bucket, clock, WRITERS);
        var destinations = new DynamoCollectionLookup(dynamo, env.require("COLLECTIONS_TABLE"));
        return new ImportJobs(new DynamoImportJobStore(dynamo, env.require("IMPORT_JOBS_TABLE")), pipeline, destinations, s3,
                presigns ? aws.s3Presigner() : null, bucket, clock);
    }
}
