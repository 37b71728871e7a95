package io.promptcms.local.bootstrap;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The template's bucket, which is one local bucket. */
public final class BucketBootstrap {

    private BucketBootstrap() {
    }

    /** @return true when it created the bucket */
    public static boolean createIfMissing(S3Client s3, String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return false;
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(r -> r.bucket(bucket));
                return true;
            } catch (BucketAlreadyOwnedByYouException raced) {
                return false;
            }
        }
    }
}
