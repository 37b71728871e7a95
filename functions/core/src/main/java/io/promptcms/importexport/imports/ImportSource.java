package io.promptcms.importexport.imports;

import java.util.Objects;

/**
 * Where an import's file comes from: how it arrived ({@code api}, {@code upload}, {@code s3}), its name and media
 * type, and — once an object is bound to the job — its bucket, key, ETag and version id.
 */
public record ImportSource(String kind, String fileName, String contentType, String bucket, String key, String etag, String versionId) {

    public static ImportSource of(String kind, String fileName, String contentType) {
        return new ImportSource(kind, fileName, contentType, null, null, null, null);
    }

    public ImportSource at(String objectBucket, String objectKey) {
        return new ImportSource(kind, fileName, contentType, objectBucket, objectKey, etag, versionId);
    }

    public ImportSource version(String objectEtag, String objectVersionId) {
        return new ImportSource(kind, fileName, contentType, bucket, key, objectEtag, objectVersionId);
    }

    public boolean isClaimed() {
        return etag != null;
    }

    public boolean isVersion(String objectEtag, String objectVersionId) {
        return Objects.equals(etag, objectEtag) && Objects.equals(versionId, objectVersionId);
    }
}
