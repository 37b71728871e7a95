package io.promptcms.local.pump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.fixture.RecordingS3Function;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3PumpTest {

    private final RunningRuntime runtime = FixtureRuntime.get();
    private final S3Client s3 = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_S3, runtime.s3Endpoint()))).s3();

    private static List<S3EventNotificationRecord> received(String decodedKey) {
        return RecordingS3Function.RECEIVED.stream().flatMap(e -> e.getRecords().stream())
                .filter(r -> r.getS3().getObject().getUrlDecodedKey().equals(decodedKey)).toList();
    }

    private void upload(String key, String content) {
        s3.putObject(r -> r.bucket(runtime.bucket()).key(key), RequestBody.fromString(content));
    }

    @Test
    void keysAreUrlEncodedLikeS3Does() {
        assertEquals("imports/u-1/my+prompts+%C3%BC%E2%82%AC.csv", S3Events.encodeKey("imports/u-1/my prompts ü€.csv"));
        assertEquals("a%2Bb%3Dc.csv", S3Events.encodeKey("a+b=c.csv"));
    }

    @Test
    void newObjectMatchingTheFilterBecomesObjectCreatedEvent() {
        String key = "imports/u-1/my prompts ü.csv";
        upload(key, "name,content\nx,y\n");
        upload("imports/u-1/notes.txt", "not a csv");
        upload("exports/u-1/out.csv", "elsewhere");
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));

        List<S3EventNotificationRecord> records = received(key);
        assertEquals(1, records.size());
        S3EventNotificationRecord record = records.getFirst();
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("aws:s3", record.getEventSource());
        assertEquals(runtime.bucket(), record.getS3().getBucket().getName());
        assertEquals("imports/u-1/my+prompts+%C3%BC.csv", record.getS3().getObject().getKey());
        assertEquals(17L, record.getS3().getObject().getSizeAsLong());
        assertTrue(record.getS3().getObject().geteTag().matches("[0-9a-f]{32}"), record.getS3().getObject().geteTag());
        assertTrue(received("imports/u-1/notes.txt").isEmpty());
        assertTrue(received("exports/u-1/out.csv").isEmpty());
    }

    @Test
    void sameObjectIsDeliveredOnceAndNewVersionAgain() {
        String key = "imports/u-2/again.csv";
        upload(key, "v1");
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));
        upload(key, "v1");
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));
        assertEquals(1, received(key).size(), "same key and ETag: already seen");
        upload(key, "v2");
        assertTrue(runtime.awaitIdle(Duration.ofSeconds(20)));
        assertEquals(2, received(key).size(), "new content, new ETag: a new event");
    }
}
