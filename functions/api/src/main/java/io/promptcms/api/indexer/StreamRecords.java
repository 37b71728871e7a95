package io.promptcms.api.indexer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.promptcms.prompt.PromptItem;
import io.promptcms.search.PromptIndexer;
import java.util.Map;

/** Reads a prompts-table stream record as an index change, named by its sequence number. */
final class StreamRecords {

    private StreamRecords() {
    }

    static PromptIndexer.Change change(DynamodbStreamRecord record) {
        String sequenceNumber = sequenceNumber(record);
        return switch (record.getEventName()) {
            case "INSERT", "MODIFY" -> new PromptIndexer.Upsert(sequenceNumber, prompt(record.getDynamodb().getNewImage(), "NewImage"));
            case "REMOVE" -> new PromptIndexer.Delete(sequenceNumber, prompt(record.getDynamodb().getOldImage(), "OldImage"));
            default -> throw new IllegalArgumentException("unknown stream event " + record.getEventName());
        };
    }

    static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }

    private static PromptItem prompt(Map<String, AttributeValue> image, String which) {
        if (image == null || image.isEmpty()) {
            throw new IllegalStateException(which + " is missing: the prompts stream must be NEW_AND_OLD_IMAGES");
        }
        return PromptItem.SCHEMA.mapToItem(DynamodbAttributeValueTransformer.toAttributeValueMapV2(image));
    }
}
