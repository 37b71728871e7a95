package io.promptcms.pricing;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The override file in the bucket, at {@value #KEY}. The client is supplied lazily: most requests never need S3. */
public final class S3PriceOverrides implements PriceOverrides {

    public static final String KEY = "config/model-prices.json";

    private final Supplier<S3Client> s3;
    private final String bucket;

    public S3PriceOverrides(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<byte[]> read() {
        try {
            return Optional.of(s3.get().getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(KEY).build()).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
