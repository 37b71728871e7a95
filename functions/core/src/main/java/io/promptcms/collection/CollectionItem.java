package io.promptcms.collection;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A collection as stored in the collections table. {@code ownerSort} = createdAt + "#" + id orders the
 * owner's collections by creation in the {@code byOwner} index (the id breaks ties of the same millisecond).
 * {@code revision} grows on every write and is the ETag.
 */
public final class CollectionItem {

    public static final String BY_OWNER_INDEX = "byOwner";

    public static final TableSchema<CollectionItem> SCHEMA = StaticTableSchema.builder(CollectionItem.class)
            .newItemSupplier(CollectionItem::new)
            .addAttribute(String.class, a -> a.name("id").getter(CollectionItem::getId).setter(CollectionItem::setId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("ownerId").getter(CollectionItem::getOwnerId).setter(CollectionItem::setOwnerId).tags(secondaryPartitionKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name("ownerSort").getter(CollectionItem::getOwnerSort).setter(CollectionItem::setOwnerSort).tags(secondarySortKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name("name").getter(CollectionItem::getName).setter(CollectionItem::setName))
            .addAttribute(String.class, a -> a.name("description").getter(CollectionItem::getDescription).setter(CollectionItem::setDescription))
            .addAttribute(String.class, a -> a.name("createdAt").getter(CollectionItem::getCreatedAt).setter(CollectionItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(CollectionItem::getUpdatedAt).setter(CollectionItem::setUpdatedAt))
            .addAttribute(Long.class, a -> a.name("revision").getter(CollectionItem::getRevision).setter(CollectionItem::setRevision))
            .build();

    private String id;
    private String ownerId;
    private String ownerSort;
    private String name;
    private String description;
    private String createdAt;
    private String updatedAt;
    private Long revision;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getOwnerSort() { return ownerSort; }
    public void setOwnerSort(String ownerSort) { this.ownerSort = ownerSort; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }
    public Long getRevision() { return revision; }
    public void setRevision(Long revision) { this.revision = revision; }
}
