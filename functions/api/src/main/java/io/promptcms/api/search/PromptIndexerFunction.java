package io.promptcms.api.search;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.promptcms.api.stream.StreamRecords;
import io.promptcms.common.Env;
import io.promptcms.prompt.PromptTable;
import io.promptcms.search.PromptIndexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the search index in step with the prompts table: each batch of stream records becomes one bulk request.
 * Partial failures are reported with the sequence number of the first failed record: Lambda checkpoints there
 * and redelivers it and everything after it, which is harmless because every write is versioned by revision.
 */
public final class PromptIndexerFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final System.Logger LOG = System.getLogger(PromptIndexerFunction.class.getName());

    private final PromptIndexer indexer;

    public PromptIndexerFunction() {
        this(Env.system());
    }

    public PromptIndexerFunction(Env env) {
        this(PromptIndexerWiring.of(env).indexer());
    }

    public PromptIndexerFunction(PromptIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<PromptIndexer.Change> changes = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        for (DynamodbStreamRecord record : records) {
            try {
                changes.add(change(record));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot read stream record " + record.getEventID(), e);
                failed.add(StreamRecords.sequenceNumber(record));
            }
        }
        failed.addAll(indexer.apply(changes));
        return new StreamsEventResponse(StreamRecords.firstFailure(records, failed).map(seq -> List.of(new BatchItemFailure(seq))).orElse(List.of()));
    }

    /** A prompts-table stream record (NEW_AND_OLD_IMAGES) as an index change, named by its sequence number. */
    private static PromptIndexer.Change change(DynamodbStreamRecord record) {
        String sequenceNumber = StreamRecords.sequenceNumber(record);
        return switch (record.getEventName()) {
            case "INSERT", "MODIFY" -> new PromptIndexer.Upsert(sequenceNumber, PromptTable.read(StreamRecords.newImage(record)));
            case "REMOVE" -> new PromptIndexer.Delete(sequenceNumber, PromptTable.read(StreamRecords.oldImage(record)));
            default -> throw new IllegalArgumentException("unknown stream event " + record.getEventName());
        };
    }
}
