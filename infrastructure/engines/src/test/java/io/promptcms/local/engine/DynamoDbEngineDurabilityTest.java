package io.promptcms.local.engine;

import static io.promptcms.local.engine.DynamoDbEngineContractTest.item;
import static io.promptcms.local.engine.DynamoDbEngineContractTest.key;
import static io.promptcms.local.engine.DynamoDbEngineContractTest.n;
import static io.promptcms.local.engine.DynamoDbEngineContractTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.local.engine.DynamoDbEngineContractTest.Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** With a data dir, what the engine acknowledged survives kill -9 and a clean stop, streams included. */
class DynamoDbEngineDurabilityTest {

    private static final String TABLE = "Durable";
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void acknowledgedWritesSurviveKillDashNineAndACleanStop() {
        Path data = work.resolve("data");
        DynamoDbEngine first = start(data);
        DynamoDbClient dynamo = Clients.dynamo(first.url());
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        for (int batch = 0; batch < 8; batch++) {
            int from = batch * 25;
            List<WriteRequest> puts = IntStream.range(from, from + 25)
                    .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(item("p", String.format("%04d", i), Map.of("v", s("x" + i))))).build())
                    .toList();
            dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, puts)));
        }
        for (int i = 0; i < 50; i++) {
            dynamo.updateItem(r -> r.tableName(TABLE).key(key("counter", "0")).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", n("1"))));
        }
        String streamArn = dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        first.process().handle().destroyForcibly(); // kill -9: no snapshot, only the journal
        first.process().handle().onExit().join();

        DynamoDbEngine second = start(data);
        assertEverythingIsThere(second.url());
        // the same stream, so the pumps' checkpoints still apply after a crash
        assertEquals(streamArn, Clients.dynamo(second.url()).describeTable(r -> r.tableName(TABLE)).table().latestStreamArn());
        second.close(); // SIGTERM: a snapshot, and an empty journal
        assertTrue(Files.exists(data.resolve("snapshot.pickle")));

        DynamoDbEngine third = start(data);
        try {
            assertEverythingIsThere(third.url());
        } finally {
            third.close();
        }
    }

    private void assertEverythingIsThere(String url) {
        DynamoDbClient dynamo = Clients.dynamo(url);
        assertEquals(200, dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")))).count());
        assertEquals("50", dynamo.getItem(r -> r.tableName(TABLE).key(key("counter", "0"))).item().get("n").n());
        DynamoDbStreamsClient streams = Clients.streams(url);
        String arn = dynamo.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().getFirst().shardId();
        String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertEquals(250, streams.getRecords(r -> r.shardIterator(iterator).limit(1000)).records().size());
    }

    private DynamoDbEngine start(Path data) {
        DynamoDbEngine engine = DynamoDbEngine.start(Ports.free(), data, work.resolve("engine"), work.resolve("dynamodb.log"));
        engine.awaitReady(READY);
        return engine;
    }
}
