package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.promptcms.local.template.LocalValues;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB Streams records as the SDK reads them → the {@link DynamodbEvent} Lambda hands a stream consumer. */
public final class StreamEventConverter {

    private StreamEventConverter() {
    }

    public static DynamodbEvent toEvent(List<Record> records, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records.stream().map(r -> toRecord(r, streamArn)).toList());
        return event;
    }

    static DynamodbEvent.DynamodbStreamRecord toRecord(Record record, String streamArn) {
        var source = record.dynamodb();
        StreamRecord dynamodb = new StreamRecord()
                .withKeys(image(source.keys()))
                .withNewImage(source.hasNewImage() ? image(source.newImage()) : null)
                .withOldImage(source.hasOldImage() ? image(source.oldImage()) : null)
                .withSequenceNumber(source.sequenceNumber())
                .withSizeBytes(source.sizeBytes());
        if (source.approximateCreationDateTime() != null) {
            dynamodb.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        if (source.streamViewTypeAsString() != null) {
            dynamodb.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(source.streamViewTypeAsString()));
        }
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(LocalValues.REGION);
        out.setEventSourceARN(streamArn);
        out.setDynamodb(dynamodb);
        if (record.userIdentity() != null) {
            out.setUserIdentity(new Identity().withType(record.userIdentity().type()).withPrincipalId(record.userIdentity().principalId()));
        }
        return out;
    }

    private static Map<String, AttributeValue> image(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        image.forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> new AttributeValue().withS(v.s());
            case N -> new AttributeValue().withN(v.n());
            case B -> new AttributeValue().withB(v.b().asByteBuffer());
            case SS -> new AttributeValue().withSS(v.ss());
            case NS -> new AttributeValue().withNS(v.ns());
            case BS -> new AttributeValue().withBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> new AttributeValue().withM(image(v.m()));
            case L -> new AttributeValue().withL(v.l().stream().map(StreamEventConverter::value).toList());
            case BOOL -> new AttributeValue().withBOOL(v.bool());
            case NUL -> new AttributeValue().withNULL(true);
            // the SDK reads a wire {"M": {}} as an unset map (an empty list stays a list): nothing set means an empty map
            case UNKNOWN_TO_SDK_VERSION -> new AttributeValue().withM(new LinkedHashMap<>());
        };
    }
}
