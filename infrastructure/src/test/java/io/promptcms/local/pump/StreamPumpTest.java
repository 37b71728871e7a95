package io.promptcms.local.pump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.fixture.RecordingStreamFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamPumpTest {

    private final RunningRuntime runtime = FixtureRuntime.get();
    private final DynamoDbClient dynamo = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, runtime.dynamoDbEndpoint()))).dynamoDb();

    private static List<DynamodbStreamRecord> received(String id) {
        return RecordingStreamFunction.RECEIVED.stream().filter(r -> id.equals(r.getDynamodb().getKeys().get("id").getS())).toList();
    }

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName("EventsTable").item(item));
    }

    @Test
    void insertModifyAndRemoveReachTheFunctionInOrder() {
        put(Map.of("id", AttributeValue.fromS("s-1"), "n", AttributeValue.fromN("1")));
        put(Map.of("id", AttributeValue.fromS("s-1"), "n", AttributeValue.fromN("2"), "tags", AttributeValue.fromSs(List.of("a", "b"))));
        dynamo.deleteItem(r -> r.tableName("EventsTable").key(Map.of("id", AttributeValue.fromS("s-1"))));
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));

        List<DynamodbStreamRecord> records = received("s-1");
        assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(DynamodbStreamRecord::getEventName).toList());
        DynamodbStreamRecord insert = records.get(0);
        assertEquals("aws:dynamodb", insert.getEventSource());
        assertTrue(insert.getEventSourceARN().contains("EventsTable"));
        assertNotNull(insert.getDynamodb().getApproximateCreationDateTime());
        assertNotNull(insert.getDynamodb().getSequenceNumber());
        assertNull(insert.getDynamodb().getOldImage());
        DynamodbStreamRecord modify = records.get(1);
        assertEquals("1", modify.getDynamodb().getOldImage().get("n").getN());
        assertEquals("2", modify.getDynamodb().getNewImage().get("n").getN());
        assertEquals(List.of("a", "b"), modify.getDynamodb().getNewImage().get("tags").getSS().stream().sorted().toList());
        DynamodbStreamRecord remove = records.get(2);
        assertNull(remove.getDynamodb().getNewImage());
        assertEquals("2", remove.getDynamodb().getOldImage().get("n").getN());
    }

    @Test
    void emptyMapsAndListsArriveAsSuch() {
        put(Map.of("id", AttributeValue.fromS("e-1"), "meta", AttributeValue.fromM(Map.of()), "list", AttributeValue.fromL(List.of())));
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));
        var image = received("e-1").getFirst().getDynamodb().getNewImage();
        assertEquals(Map.of(), image.get("meta").getM());
        assertEquals(List.of(), image.get("list").getL());
    }

    @Test
    void reportedFailureIsRetriedThenWrittenToFailedFolder() throws Exception {
        put(Map.of("id", AttributeValue.fromS("f-1"), "fail", AttributeValue.fromBool(true)));
        put(Map.of("id", AttributeValue.fromS("ok-after-failure")));
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(30)));

        assertEquals(3, received("f-1").size(), "first attempt + MaximumRetryAttempts 2");
        assertTrue(received("ok-after-failure").size() >= 1, "the stream moves on after the give-up");
        Path failed = runtime.dataDir().resolve("failed/StreamFunction");
        try (Stream<Path> files = Files.list(failed)) {
            assertTrue(files.map(StreamPumpTest::read).anyMatch(text -> text.contains("f-1") && text.contains("batchItemFailures")));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
