package io.promptcms.local.pump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.fixture.RecordingStreamFunction;
import io.promptcms.local.function.Functions;
import io.promptcms.local.template.EventSource.StreamSource;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.local.testing.ProjectDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A pump restarted on the same state file resumes after its checkpoint; one on a fresh state file reads from TRIM_HORIZON. */
class StreamCheckpointTest {

    private static final String TABLE = "CheckpointTable";
    private static Functions functions;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static StreamSource source;
    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        RunningRuntime runtime = FixtureRuntime.get();
        AwsClients aws = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, runtime.dynamoDbEndpoint())));
        dynamo = aws.dynamoDb();
        streams = aws.dynamoDbStreams();
        // a table of its own, so the runtime's pump (on EventsTable) delivers none of these records
        dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        var template = TemplateReader.read(ProjectDir.find().resolve("infrastructure/src/test/resources/fixture-template.yaml"));
        var spec = template.function("StreamFunction").orElseThrow();
        source = spec.events(StreamSource.class).getFirst();
        functions = new Functions(List.of(spec), Map.of(spec.logicalId(), Map.of()));
        dir = Files.createTempDirectory("checkpoint-test");
    }

    @AfterAll
    static void tearDown() {
        functions.close();
    }

    private StreamPump pump(String stateName) {
        return new StreamPump(source, TABLE, functions.require("StreamFunction"), dynamo, streams,
                new StateFile(dir.resolve(stateName)), new FailedEvents(dir.resolve("failed")));
    }

    private static long received(String id) {
        return RecordingStreamFunction.RECEIVED.stream().filter(r -> id.equals(r.getDynamodb().getKeys().get("id").getS())).count();
    }

    private static void put(String id) {
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id))));
    }

    private static void runUntilIdle(StreamPump pump) {
        pump.start();
        try {
            assertTrue(pump.awaitIdle(Duration.ofSeconds(20)));
        } finally {
            pump.close();
        }
    }

    @Test
    void restartResumesAfterTheCheckpointAndFreshStateStartsAtTrimHorizon() {
        put("c-1");
        runUntilIdle(pump("state.json"));
        put("c-2");
        runUntilIdle(pump("state.json"));
        assertEquals(1, received("c-1"), "not delivered again after the restart");
        assertEquals(1, received("c-2"));

        runUntilIdle(pump("fresh.json"));
        assertEquals(2, received("c-1"), "a fresh position reads the stream from its start");
        assertEquals(2, received("c-2"));
    }
}
