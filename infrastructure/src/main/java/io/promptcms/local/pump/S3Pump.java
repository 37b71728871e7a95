package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.promptcms.local.function.LocalFunction;
import io.promptcms.local.template.EventSource.S3Source;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket notification to one function: S3Mock emits no events, so this lists the bucket every second and sends
 * an {@code ObjectCreated:Put} event for each object whose (key, ETag) it has not seen — a new object or a new
 * version of one. Seen objects are remembered in the data dir. Like Lambda's asynchronous invocation, a failing
 * event is tried three times in all, then written to failed/.
 */
final class S3Pump extends PollingPump {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int ATTEMPTS = 3;

    private final S3Source source;
    private final String bucket;
    private final LocalFunction function;
    private final S3Client s3;
    private final StateFile stateFile;
    private final FailedEvents failed;
    private final Map<String, String> seen;
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    S3Pump(S3Source source, String bucket, LocalFunction function, S3Client s3, StateFile stateFile, FailedEvents failed) {
        super(function.name() + "-" + source.name(), INTERVAL);
        this.source = source;
        this.bucket = bucket;
        this.function = function;
        this.s3 = s3;
        this.stateFile = stateFile;
        this.failed = failed;
        this.seen = stateFile.read();
    }

    @Override
    int poll() {
        int handled = 0;
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(source.prefix())).contents()) {
            if (closed()) {
                break;
            }
            if (!source.matches(object.key()) || object.eTag().equals(seen.get(object.key()))) {
                continue;
            }
            deliver(object);
            seen.put(object.key(), object.eTag());
            stateFile.write(seen);
            handled++;
        }
        return handled;
    }

    private void deliver(S3Object object) {
        S3Event event = S3Events.objectCreated(source.name(), bucket, object.key(), object.size(), object.eTag(), object.lastModified(),
                sequencer.incrementAndGet());
        String reason = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (RuntimeException e) {
                reason = e.toString();
            }
            if (attempt < ATTEMPTS && !pause(Duration.ofMillis(200L * attempt))) {
                return;
            }
        }
        // the object itself, not the event: the event's Joda timestamps do not serialise as JSON
        failed.write(function.name(), "s3://" + bucket, ATTEMPTS, reason,
                Map.of("eventName", "ObjectCreated:Put", "bucket", bucket, "key", object.key(), "eTag", object.eTag(), "size", object.size()));
    }
}
