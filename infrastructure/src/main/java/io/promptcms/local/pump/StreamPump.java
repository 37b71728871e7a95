package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.promptcms.local.function.LenientJson;
import io.promptcms.local.function.LocalFunction;
import io.promptcms.local.template.EventSource.StreamSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The event source mapping of one function on one table's stream: reads every shard (parents before children,
 * so a rolled-over shard's records come first), hands batches of at most BatchSize records to the function,
 * honours {@code batchItemFailures} by retrying from the lowest failed sequence number up to
 * MaximumRetryAttempts, then writes what still fails to the failed/ folder and moves on. The last processed
 * sequence number per shard is checkpointed in the data dir: a restart resumes after it, a fresh start reads
 * from TRIM_HORIZON.
 */
public final class StreamPump extends PollingPump {

    static final Duration INTERVAL = Duration.ofMillis(300);
    private static final String STREAM_ARN = "$streamArn";
    private static final String FINISHED = "$finished:";

    private final StreamSource source;
    private final String table;
    private final LocalFunction function;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final StateFile stateFile;
    private final FailedEvents failed;
    private final Map<String, String> state;
    private final Map<String, String> iterators = new HashMap<>();

    StreamPump(StreamSource source, String table, LocalFunction function, DynamoDbClient dynamo, DynamoDbStreamsClient streams,
                      StateFile stateFile, FailedEvents failed) {
        super(function.name() + "-" + source.name(), INTERVAL);
        this.source = source;
        this.table = table;
        this.function = function;
        this.dynamo = dynamo;
        this.streams = streams;
        this.stateFile = stateFile;
        this.failed = failed;
        this.state = stateFile.read();
    }

    @Override
    int poll() {
        String streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            return 0;
        }
        if (!streamArn.equals(state.get(STREAM_ARN))) {
            // a new stream (fresh data, or the table was recreated): old checkpoints mean nothing
            state.clear();
            iterators.clear();
            state.put(STREAM_ARN, streamArn);
            stateFile.write(state);
        }
        List<Shard> shards = shards(streamArn);
        Set<String> known = new HashSet<>(shards.stream().map(Shard::shardId).toList());
        int handled = 0;
        for (Shard shard : shards) {
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && known.contains(parent) && !state.containsKey(FINISHED + parent);
            if (!state.containsKey(FINISHED + shard.shardId()) && !parentPending && !closed()) {
                handled += drain(streamArn, shard.shardId());
            }
        }
        return handled;
    }

    private List<Shard> shards(String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String last = null;
        do {
            String start = last;
            var description = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start)).streamDescription();
            shards.addAll(description.shards());
            last = description.lastEvaluatedShardId();
        } while (last != null);
        return shards;
    }

    private int drain(String streamArn, String shardId) {
        int handled = 0;
        while (!closed()) {
            String iterator = iterators.computeIfAbsent(shardId, id -> iterator(streamArn, id));
            var response = getRecords(streamArn, shardId, iterator);
            List<Record> records = response.records();
            List<Record> wanted = records.stream().filter(r -> source.accepts(r.eventNameAsString())).toList();
            if (!records.isEmpty() && wanted.isEmpty()) {
                checkpoint(shardId, records.getLast()); // every record filtered out, as the mapping's FilterCriteria do
            } else if (!records.isEmpty()) {
                if (!deliver(streamArn, shardId, wanted)) {
                    iterators.remove(shardId); // closing mid-retry: resume from the checkpoint next time
                    return handled + records.size();
                }
                handled += records.size();
            }
            if (response.nextShardIterator() == null) {
                iterators.remove(shardId);
                state.put(FINISHED + shardId, "true");
                stateFile.write(state);
                return handled;
            }
            iterators.put(shardId, response.nextShardIterator());
            if (records.isEmpty()) {
                return handled;
            }
        }
        return handled;
    }

    /**
     * An iterator that expired, points before the trim horizon, or that the engine no longer knows (a restarted local
     * engine forgets its iterators; some emulators answer that with a 500) is replaced by a fresh one from the
     * checkpoint: the same position, so nothing is skipped or delivered twice.
     */
    private GetRecordsResponse getRecords(String streamArn, String shardId, String iterator) {
        try {
            return streams.getRecords(r -> r.shardIterator(iterator).limit(source.batchSize()));
        } catch (DynamoDbException e) {
            if (!(e instanceof ExpiredIteratorException || e instanceof TrimmedDataAccessException || e.statusCode() >= 500)) {
                throw e;
            }
            String fresh = iterator(streamArn, shardId);
            iterators.put(shardId, fresh);
            return streams.getRecords(r -> r.shardIterator(fresh).limit(source.batchSize()));
        }
    }

    /** After the checkpoint, or from TRIM_HORIZON without one (or when the checkpointed record has been trimmed away). */
    private String iterator(String streamArn, String shardId) {
        String checkpoint = state.get(shardId);
        if (checkpoint != null) {
            try {
                return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(checkpoint)).shardIterator();
            } catch (TrimmedDataAccessException trimmed) {
                System.err.println("[local] " + function.name() + ": records after " + checkpoint + " were trimmed; reading from TRIM_HORIZON");
            }
        }
        return streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
    }

    /** @return false when the pump closed before the batch was settled */
    private boolean deliver(String streamArn, String shardId, List<Record> batch) {
        List<Record> pending = batch;
        int attempts = 0;
        while (true) {
            DynamodbEvent event = StreamEventConverter.toEvent(pending, streamArn);
            String reason;
            int firstFailed;
            try {
                Set<String> failures = batchItemFailures(function.invoke(event));
                if (failures.isEmpty()) {
                    checkpoint(shardId, pending.getLast());
                    return true;
                }
                firstFailed = firstFailedIndex(pending, failures);
                reason = "batchItemFailures " + failures;
            } catch (RuntimeException e) {
                firstFailed = 0;
                reason = e.toString();
            }
            if (firstFailed > 0) {
                checkpoint(shardId, pending.get(firstFailed - 1));
                pending = pending.subList(firstFailed, pending.size());
            }
            attempts++;
            if (source.maximumRetryAttempts() >= 0 && attempts > source.maximumRetryAttempts()) {
                failed.write(function.name(), streamArn, attempts, reason, StreamEventConverter.toEvent(pending, streamArn));
                checkpoint(shardId, pending.getLast());
                return true;
            }
            if (!pause(Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempts, 6))))) {
                return false;
            }
        }
    }

    /** The itemIdentifiers of a StreamsEventResponse (or an equivalent map); an empty or missing identifier fails the whole batch. */
    private Set<String> batchItemFailures(Object response) {
        if (!source.reportBatchItemFailures() || response == null) {
            return Set.of();
        }
        Object failures = LenientJson.toMap(response).get("batchItemFailures");
        Set<String> ids = new HashSet<>();
        if (failures instanceof List<?> list) {
            for (Object item : list) {
                Object id = LenientJson.toMap(item).get("itemIdentifier");
                ids.add(id == null ? "" : String.valueOf(id));
            }
        }
        return ids;
    }

    private static int firstFailedIndex(List<Record> pending, Set<String> failures) {
        for (int i = 0; i < pending.size(); i++) {
            if (failures.contains(pending.get(i).dynamodb().sequenceNumber())) {
                return i;
            }
        }
        return 0;
    }

    private void checkpoint(String shardId, Record last) {
        state.put(shardId, last.dynamodb().sequenceNumber());
        stateFile.write(state);
    }
}
