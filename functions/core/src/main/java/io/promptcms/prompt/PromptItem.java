package io.promptcms.prompt;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A prompt as stored in the prompts table (one item per prompt, the current state). The content lives in
 * exactly one of {@code content} (plain), {@code contentGz} (gzip, for large text) or {@code contentRef}
 * (an S3 key, for content that does not fit an item even compressed); {@link ContentStore} hides which.
 * {@code revision} grows on every write: it is the ETag and the OpenSearch external version.
 * {@code version} grows only when the content fields change: it numbers the history.
 * {@code usageRevision} grows with every usage counted into {@code usageCount}/{@code totalCostUsd} (by the usage
 * aggregator, never by editors): the search index must see those changes, but bumping {@code revision} for them would
 * make an editor's If-Match fail because somebody ran the prompt.
 * {@code contentFingerprint} ({@link ContentFingerprint}) and {@code ownerFingerprint} (owner + fingerprint, the key of
 * the {@value #BY_FINGERPRINT_INDEX} index) are derived from the content on every write of it; prompts written before
 * they existed have neither until their next edit.
 */
public final class PromptItem {

    public static final String BY_OWNER_INDEX = "byOwner";
    /** Prompts by {@code ownerFingerprint} ({@link ContentFingerprint#ownerKey}): exact duplicates of a content. */
    public static final String BY_FINGERPRINT_INDEX = "byFingerprint";

    public static final TableSchema<PromptItem> SCHEMA = withVersionedAttributes(StaticTableSchema.builder(PromptItem.class)
            .newItemSupplier(PromptItem::new)
            .addAttribute(String.class, a -> a.name("id").getter(PromptItem::getId).setter(PromptItem::setId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("ownerId").getter(PromptItem::getOwnerId).setter(PromptItem::setOwnerId).tags(secondaryPartitionKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name("ownerSort").getter(PromptItem::getOwnerSort).setter(PromptItem::setOwnerSort).tags(secondarySortKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name("teamId").getter(PromptItem::getTeamId).setter(PromptItem::setTeamId))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("collectionIds").getter(PromptItem::getCollectionIds).setter(PromptItem::setCollectionIds))
            .addAttribute(String.class, a -> a.name("visibility").getter(PromptItem::getVisibility).setter(PromptItem::setVisibility))
            .addAttribute(Long.class, a -> a.name("version").getter(PromptItem::getVersion).setter(PromptItem::setVersion))
            .addAttribute(Long.class, a -> a.name("revision").getter(PromptItem::getRevision).setter(PromptItem::setRevision))
            .addAttribute(Boolean.class, a -> a.name("favorite").getter(PromptItem::getFavorite).setter(PromptItem::setFavorite))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(PromptItem::getUpdatedAt).setter(PromptItem::setUpdatedAt))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(PromptItem::getUpdatedBy).setter(PromptItem::setUpdatedBy))
            .addAttribute(Long.class, a -> a.name("usageCount").getter(PromptItem::getUsageCount).setter(PromptItem::setUsageCount))
            .addAttribute(Double.class, a -> a.name("totalCostUsd").getter(PromptItem::getTotalCostUsd).setter(PromptItem::setTotalCostUsd))
            .addAttribute(String.class, a -> a.name("lastRunAt").getter(PromptItem::getLastRunAt).setter(PromptItem::setLastRunAt))
            .addAttribute(Long.class, a -> a.name("usageRevision").getter(PromptItem::getUsageRevision).setter(PromptItem::setUsageRevision))
            .addAttribute(String.class, a -> a.name("contentFingerprint").getter(PromptItem::getContentFingerprint).setter(PromptItem::setContentFingerprint))
            .addAttribute(String.class, a -> a.name("ownerFingerprint").getter(PromptItem::getOwnerFingerprint).setter(PromptItem::setOwnerFingerprint)
                    .tags(secondaryPartitionKey(BY_FINGERPRINT_INDEX)))
            ).build();

    /**
     * The attributes a prompt and each of its versions both hold (the versions table keeps exactly these, keyed by
     * prompt id and version number; see {@link PromptVersionSchema}).
     */
    static StaticTableSchema.Builder<PromptItem> withVersionedAttributes(StaticTableSchema.Builder<PromptItem> builder) {
        return builder
                .addAttribute(String.class, a -> a.name("name").getter(PromptItem::getName).setter(PromptItem::setName))
                .addAttribute(String.class, a -> a.name("content").getter(PromptItem::getContent).setter(PromptItem::setContent))
                .addAttribute(SdkBytes.class, a -> a.name("contentGz").getter(PromptItem::getContentGz).setter(PromptItem::setContentGz))
                .addAttribute(String.class, a -> a.name("contentRef").getter(PromptItem::getContentRef).setter(PromptItem::setContentRef))
                .addAttribute(Integer.class, a -> a.name("contentLength").getter(PromptItem::getContentLength).setter(PromptItem::setContentLength))
                .addAttribute(String.class, a -> a.name("contentPreview").getter(PromptItem::getContentPreview).setter(PromptItem::setContentPreview))
                .addAttribute(String.class, a -> a.name("description").getter(PromptItem::getDescription).setter(PromptItem::setDescription))
                .addAttribute(EnhancedType.listOf(String.class), a -> a.name("tags").getter(PromptItem::getTags).setter(PromptItem::setTags))
                .addAttribute(String.class, a -> a.name("model").getter(PromptItem::getModel).setter(PromptItem::setModel))
                .addAttribute(EnhancedType.listOf(String.class), a -> a.name("variables").getter(PromptItem::getVariables).setter(PromptItem::setVariables))
                .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("metadata").getter(PromptItem::getMetadata).setter(PromptItem::setMetadata))
                .addAttribute(String.class, a -> a.name("createdAt").getter(PromptItem::getCreatedAt).setter(PromptItem::setCreatedAt))
                .addAttribute(String.class, a -> a.name("createdBy").getter(PromptItem::getCreatedBy).setter(PromptItem::setCreatedBy));
    }

    private String id;
    private String ownerId;
    private String ownerSort;
    private String teamId;
    private String name;
    private String content;
    private SdkBytes contentGz;
    private String contentRef;
    private Integer contentLength;
    private String contentPreview;
    private String description;
    private List<String> tags;
    private String model;
    private List<String> collectionIds;
    private String visibility;
    private List<String> variables;
    private Map<String, String> metadata;
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

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getOwnerSort() { return ownerSort; }
    public void setOwnerSort(String ownerSort) { this.ownerSort = ownerSort; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public SdkBytes getContentGz() { return contentGz; }
    public void setContentGz(SdkBytes contentGz) { this.contentGz = contentGz; }
    public String getContentRef() { return contentRef; }
    public void setContentRef(String contentRef) { this.contentRef = contentRef; }
    public Integer getContentLength() { return contentLength; }
    public void setContentLength(Integer contentLength) { this.contentLength = contentLength; }
    public String getContentPreview() { return contentPreview; }
    public void setContentPreview(String contentPreview) { this.contentPreview = contentPreview; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public List<String> getCollectionIds() { return collectionIds; }
    public void setCollectionIds(List<String> collectionIds) { this.collectionIds = collectionIds; }
    public String getVisibility() { return visibility; }
    public void setVisibility(String visibility) { this.visibility = visibility; }
    public List<String> getVariables() { return variables; }
    public void setVariables(List<String> variables) { this.variables = variables; }
    public Map<String, String> getMetadata() { return metadata; }
    public void setMetadata(Map<String, String> metadata) { this.metadata = metadata; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
    public Boolean getFavorite() { return favorite; }
    public void setFavorite(Boolean favorite) { this.favorite = favorite; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
    public Long getUsageCount() { return usageCount; }
    public void setUsageCount(Long usageCount) { this.usageCount = usageCount; }
    public Double getTotalCostUsd() { return totalCostUsd; }
    public void setTotalCostUsd(Double totalCostUsd) { this.totalCostUsd = totalCostUsd; }
    public String getLastRunAt() { return lastRunAt; }
    public void setLastRunAt(String lastRunAt) { this.lastRunAt = lastRunAt; }
    public Long getUsageRevision() { return usageRevision; }
    public void setUsageRevision(Long usageRevision) { this.usageRevision = usageRevision; }
    public String getContentFingerprint() { return contentFingerprint; }
    public void setContentFingerprint(String contentFingerprint) { this.contentFingerprint = contentFingerprint; }
    public String getOwnerFingerprint() { return ownerFingerprint; }
    public void setOwnerFingerprint(String ownerFingerprint) { this.ownerFingerprint = ownerFingerprint; }
}
