package io.promptcms.local.pump;

import io.promptcms.local.function.Functions;
import io.promptcms.local.function.LocalFunction;
import io.promptcms.local.template.EventSource.S3Source;
import io.promptcms.local.template.EventSource.ScheduleSource;
import io.promptcms.local.template.EventSource.StreamSource;
import io.promptcms.local.template.FunctionSpec;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Every pump the template's functions need: stream mappings, bucket notifications, schedules. State lives under {@code <data>/pumps}. */
public final class Pumps implements AutoCloseable {

    private final List<Pump> pumps = new ArrayList<>();
    private final SchedulePump schedules;

    public Pumps(Template template, LocalValues values, Functions functions, DynamoDbClient dynamo, DynamoDbStreamsClient streams,
                 S3Client s3, Path dataDir) {
        FailedEvents failed = new FailedEvents(failedDir(dataDir));
        Path state = dataDir.resolve("pumps");
        List<SchedulePump.Scheduled> scheduled = new ArrayList<>();
        for (FunctionSpec spec : template.functions()) {
            LocalFunction function = functions.require(spec.logicalId());
            for (StreamSource source : spec.events(StreamSource.class)) {
                pumps.add(new StreamPump(source, values.tableName(source.table()), function, dynamo, streams,
                        new StateFile(state.resolve("stream-" + spec.logicalId() + "-" + source.name() + ".json")), failed));
            }
            for (S3Source source : spec.events(S3Source.class)) {
                if (source.wantsObjectCreated()) {
                    pumps.add(new S3Pump(source, values.bucketName(), function, s3,
                            new StateFile(state.resolve("s3-" + spec.logicalId() + "-" + source.name() + ".json")), failed));
                }
            }
            for (ScheduleSource source : spec.events(ScheduleSource.class)) {
                scheduled.add(new SchedulePump.Scheduled(function, source));
            }
        }
        schedules = new SchedulePump(scheduled);
        pumps.add(schedules);
    }

    /** The local on-failure destination of every function, {@code <data>/failed}. */
    public static Path failedDir(Path dataDir) {
        return dataDir.resolve("failed");
    }

    public void start() {
        pumps.forEach(Pump::start);
    }

    /** Runs a function's schedule now; false when it has none. */
    public boolean triggerSchedule(String function) {
        return schedules.trigger(function);
    }

    /** Waits until every pump has delivered what was pending when called. */
    public boolean awaitIdle(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (Pump pump : pumps) {
            if (!pump.awaitIdle(Duration.between(Instant.now(), deadline).isNegative() ? Duration.ZERO : Duration.between(Instant.now(), deadline))) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return pumps.size();
    }

    @Override
    public void close() {
        pumps.forEach(Pump::close);
    }
}
