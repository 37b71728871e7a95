package io.promptcms.api.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.promptcms.api.stream.StreamRecords;
import io.promptcms.common.Env;
import io.promptcms.usage.DynamoUsageEvents;
import io.promptcms.usage.UsageAggregator;
import java.util.List;

/**
 * Counts new usage events (INSERT records of the usage events table's stream) into rollups, prompt counters and
 * budget ledgers. Modifications (the aggregator's own mark) and TTL removals are not usage. Records are applied in
 * order; at the first failure the batch stops and reports that record: Lambda redelivers from there, and events
 * counted before are skipped by the aggregator's own condition.
 */
public final class UsageAggregatorFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final System.Logger LOG = System.getLogger(UsageAggregatorFunction.class.getName());

    private final UsageAggregator aggregator;

    public UsageAggregatorFunction() {
        this(Env.system());
    }

    public UsageAggregatorFunction(Env env) {
        this(UsageAggregatorWiring.of(env).aggregator());
    }

    public UsageAggregatorFunction(UsageAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbStreamRecord record : records) {
            if (!"INSERT".equals(record.getEventName())) {
                continue;
            }
            try {
                aggregator.apply(DynamoUsageEvents.read(StreamRecords.newImage(record)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot count stream record " + record.getEventID(), e);
                return new StreamsEventResponse(List.of(new BatchItemFailure(StreamRecords.sequenceNumber(record))));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
