package io.promptcms.local.pump;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.promptcms.local.template.LocalValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The S3 event notification of a new object, as S3 sends it to Lambda. */
public final class S3Events {

    private S3Events() {
    }

    /**
     * An object key as S3 writes it into event notifications: form-URL-encoded (space → '+', non-ASCII and
     * reserved characters → %XX of their UTF-8 bytes) with '/' left as is. {@code getUrlDecodedKey()} reverses it.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    public static S3Event objectCreated(String configurationId, String bucket, String key, long size, String eTag, Instant lastModified,
                                        long sequencer) {
        var owner = new S3EventNotification.UserIdentityEntity("local");
        var object = new S3EventNotification.S3ObjectEntity(encodeKey(key), size, eTag.replace("\"", ""), null,
                String.format("%016X", sequencer));
        var s3 = new S3EventNotification.S3Entity(configurationId,
                new S3EventNotification.S3BucketEntity(bucket, owner, "arn:aws:s3:::" + bucket), object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(LocalValues.REGION, "ObjectCreated:Put", "aws:s3",
                lastModified.toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(UUID.randomUUID().toString(), UUID.randomUUID().toString()), s3, owner);
        return new S3Event(List.of(record));
    }
}
