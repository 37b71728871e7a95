package io.promptcms.pricing;

import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import java.time.Clock;
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

    /**
     * The catalog of a function that prices models: the shipped file with the overrides in its bucket
     * ({@code BUCKET_NAME}). One builder for every such function, so they all read the same overrides.
     */
    public static PriceCatalog catalog(Env env, Supplier<S3Client> s3) {
        return PriceCatalog.shipped(new S3PriceOverrides(s3, env.require(EnvNames.BUCKET_NAME)), Clock.systemUTC());
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
