package io.promptcms.prompt;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A prompt as the prompts table holds it (one item per prompt, the current state); a row of the versions table is
 * the same record with only its versioned {@code fields} ({@link PromptSchemas#VERSION}). Fields are null when the
 * item lacks the attribute, exactly as stored, so the search index and an export see what the table has.
 * The content lives in exactly one of {@code fields.content} (plain), {@code contentGz} (gzip, for large text) or
 * {@code contentRef} (an S3 key, for content that does not fit an item even compressed); {@link ContentStore} hides
 * which. {@code revision} grows on every write: it is the ETag and the OpenSearch external version.
 * {@code version} grows only when the content fields change: it numbers the history.
 * {@code usageRevision} grows with every usage counted into {@code usageCount}/{@code totalCostUsd} (by the usage
 * aggregator, never by editors): the search index must see those changes, but bumping {@code revision} for them would
 * make an editor's If-Match fail because somebody ran the prompt.
 * {@code contentFingerprint} ({@link ContentFingerprint}) and {@code ownerFingerprint} (owner + fingerprint, the key of
 * the byFingerprint index) are derived from the content on every write of it; prompts written before they existed
 * have neither until their next edit.
 */
public record StoredPrompt(
        String id,
        String ownerId,
        String ownerSort,
        String teamId,
        PromptFields fields,
        SdkBytes contentGz,
        String contentRef,
        Integer contentLength,
        String contentPreview,
        List<String> collectionIds,
        String visibility,
        Long version,
        Long revision,
        Boolean favorite,
        String createdAt,
        String updatedAt,
        String createdBy,
        String updatedBy,
        Long usageCount,
        Double totalCostUsd,
        String lastRunAt,
        Long usageRevision,
        String contentFingerprint,
        String ownerFingerprint) {

    public StoredPrompt {
        collectionIds = collectionIds == null ? null : List.copyOf(collectionIds);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Usage counted so far: 0 before the first run. */
    public long runs() {
        return usageCount == null ? 0 : usageCount;
    }

    /** Spend counted so far: 0 before the first run. */
    public double spentUsd() {
        return totalCostUsd == null ? 0 : totalCostUsd;
    }

    /**
     * Builds a state field by field: for the table schema, the service's changes and fixtures. The versioned fields
     * are set together ({@link #fields}) or, by the table schema, one attribute at a time.
     */
    public static final class Builder {
        private static final PromptFields NONE = new PromptFields(null, null, null, null, null, null, null);

        private String id;
        private String ownerId;
        private String ownerSort;
        private String teamId;
        private PromptFields fields = NONE;
        private SdkBytes contentGz;
        private String contentRef;
        private Integer contentLength;
        private String contentPreview;
        private List<String> collectionIds;
        private String visibility;
        private Long version;
        private Long revision;
        private Boolean favorite;
        private String createdAt;
        private String updatedAt;
        private String createdBy;
        private String updatedBy;
        private Long usageCount;
        private Double totalCostUsd;
        private String lastRunAt;
        private Long usageRevision;
        private String contentFingerprint;
        private String ownerFingerprint;

        Builder() {
        }

        private Builder(StoredPrompt from) {
            id = from.id;
            ownerId = from.ownerId;
            ownerSort = from.ownerSort;
            teamId = from.teamId;
            fields = from.fields;
            contentGz = from.contentGz;
            contentRef = from.contentRef;
            contentLength = from.contentLength;
            contentPreview = from.contentPreview;
            collectionIds = from.collectionIds;
            visibility = from.visibility;
            version = from.version;
            revision = from.revision;
            favorite = from.favorite;
            createdAt = from.createdAt;
            updatedAt = from.updatedAt;
            createdBy = from.createdBy;
            updatedBy = from.updatedBy;
            usageCount = from.usageCount;
            totalCostUsd = from.totalCostUsd;
            lastRunAt = from.lastRunAt;
            usageRevision = from.usageRevision;
            contentFingerprint = from.contentFingerprint;
            ownerFingerprint = from.ownerFingerprint;
        }

        public Builder id(String value) { id = value; return this; }
        public Builder ownerId(String value) { ownerId = value; return this; }
        public Builder ownerSort(String value) { ownerSort = value; return this; }
        public Builder teamId(String value) { teamId = value; return this; }
        public Builder fields(PromptFields value) { fields = value; return this; }
        public Builder content(String value) { fields = fields.withContent(value); return this; }
        public Builder contentGz(SdkBytes value) { contentGz = value; return this; }
        public Builder contentRef(String value) { contentRef = value; return this; }
        public Builder contentLength(Integer value) { contentLength = value; return this; }
        public Builder contentPreview(String value) { contentPreview = value; return this; }
        public Builder collectionIds(List<String> value) { collectionIds = value; return this; }
        public Builder visibility(String value) { visibility = value; return this; }
        public Builder version(Long value) { version = value; return this; }
        public Builder revision(Long value) { revision = value; return this; }
        public Builder favorite(Boolean value) { favorite = value; return this; }
        public Builder createdAt(String value) { createdAt = value; return this; }
        public Builder updatedAt(String value) { updatedAt = value; return this; }
        public Builder createdBy(String value) { createdBy = value; return this; }
        public Builder updatedBy(String value) { updatedBy = value; return this; }
        public Builder usageCount(Long value) { usageCount = value; return this; }
        public Builder totalCostUsd(Double value) { totalCostUsd = value; return this; }
        public Builder lastRunAt(String value) { lastRunAt = value; return this; }
        public Builder usageRevision(Long value) { usageRevision = value; return this; }
        public Builder contentFingerprint(String value) { contentFingerprint = value; return this; }
        public Builder ownerFingerprint(String value) { ownerFingerprint = value; return this; }

        public StoredPrompt build() {
            return new StoredPrompt(id, ownerId, ownerSort, teamId, fields, contentGz, contentRef, contentLength, contentPreview,
                    collectionIds, visibility, version, revision, favorite, createdAt, updatedAt, createdBy, updatedBy, usageCount,
                    totalCostUsd, lastRunAt, usageRevision, contentFingerprint, ownerFingerprint);
        }
    }
}
