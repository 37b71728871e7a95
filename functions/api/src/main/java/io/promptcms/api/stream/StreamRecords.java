package io.promptcms.api.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What every DynamoDB stream consumer reads from a record: its sequence number, its images as SDK v2 items, the failure to report. */
public final class StreamRecords {

    private StreamRecords() {
    }

    public static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> newImage(DynamodbStreamRecord record) {
        return image(record.getDynamodb().getNewImage(), "NewImage");
    }

    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> oldImage(DynamodbStreamRecord record) {
        return image(record.getDynamodb().getOldImage(), "OldImage");
    }

    /**
     * The sequence number to report as the batch item failure: only the first failed record counts, because Lambda
     * checkpoints there and redelivers it and everything after it anyway.
     */
    public static Optional<String> firstFailure(List<DynamodbStreamRecord> records, Set<String> failed) {
        return records.stream().map(StreamRecords::sequenceNumber).filter(failed::contains).findFirst();
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image(Map<String, AttributeValue> image, String which) {
        if (image == null || image.isEmpty()) {
            throw new IllegalStateException(which + " is missing: check the StreamViewType of the table in template.yaml");
        }
        return DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }
}
