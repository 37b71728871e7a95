package io.promptcms.prompt;

import io.promptcms.common.Gzip;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The {@link ContentStore} of the deployed system: inline up to 64 KB, gzip up to 300 KB compressed (so an item
 * with all its other fields stays under DynamoDB's 400 KB), otherwise an S3 object. S3 keys are content
 * addressed under the prompt's own prefix, so a version and the prompt share one object and deleting the
 * prompt can remove everything it owns by prefix.
 */
public final class S3ContentStore implements ContentStore {

    public static final int MAX_INLINE_BYTES = 64 * 1024;
    public static final int MAX_COMPRESSED_BYTES = 300 * 1024;
    public static final int PREVIEW_CHARS = 200;
    public static final String KEY_PREFIX = "prompt-content/";

    private final Supplier<S3Client> s3;
    private final String bucket;

    public S3ContentStore(S3Client s3, String bucket) {
        this(() -> s3, bucket);
    }

    /** With a client built on first use: most content never goes to S3. */
    public S3ContentStore(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public StoredPrompt write(StoredPrompt item, String content) {
        byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
        var stored = item.toBuilder().content(null).contentGz(null).contentRef(null).contentLength(utf8.length).contentPreview(preview(content));
        if (utf8.length <= MAX_INLINE_BYTES) {
            return stored.content(content).build();
        }
        byte[] compressed = Gzip.compress(utf8);
        if (compressed.length <= MAX_COMPRESSED_BYTES) {
            return stored.contentGz(SdkBytes.fromByteArray(compressed)).build();
        }
        String key = KEY_PREFIX + item.id() + "/" + sha256(utf8);
        s3.get().putObject(b -> b.bucket(bucket).key(key).contentType("text/plain; charset=utf-8"), RequestBody.fromBytes(utf8));
        return stored.contentRef(key).build();
    }

    @Override
    public String read(StoredPrompt item) {
        if (item.fields().content() != null) {
            return item.fields().content();
        }
        if (item.contentGz() != null) {
            return new String(Gzip.decompress(item.contentGz().asByteArray()), StandardCharsets.UTF_8);
        }
        if (item.contentRef() != null) {
            return s3.get().getObjectAsBytes(b -> b.bucket(bucket).key(item.contentRef())).asUtf8String();
        }
        return "";
    }

    @Override
    public void deleteAll(String promptId) {
        String prefix = KEY_PREFIX + promptId + "/";
        for (var page : s3.get().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            if (!page.contents().isEmpty()) {
                var keys = page.contents().stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                s3.get().deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
            }
        }
    }

    static String preview(String content) {
        if (content.length() <= PREVIEW_CHARS) {
            return content;
        }
        int end = Character.isHighSurrogate(content.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
        return content.substring(0, end);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
