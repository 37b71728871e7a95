package io.promptcms.savedsearch;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A saved search as stored: keyed by owner and id, so every read and delete names the owner. */
final class SavedSearchItem {

    public static final TableSchema<SavedSearchItem> SCHEMA = StaticTableSchema.builder(SavedSearchItem.class)
            .newItemSupplier(SavedSearchItem::new)
            .addAttribute(String.class, a -> a.name("ownerId").getter(SavedSearchItem::getOwnerId).setter(SavedSearchItem::setOwnerId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("id").getter(SavedSearchItem::getId).setter(SavedSearchItem::setId).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("name").getter(SavedSearchItem::getName).setter(SavedSearchItem::setName))
            .addAttribute(String.class, a -> a.name("query").getter(SavedSearchItem::getQuery).setter(SavedSearchItem::setQuery))
            .addAttribute(String.class, a -> a.name("createdAt").getter(SavedSearchItem::getCreatedAt).setter(SavedSearchItem::setCreatedAt))
            .build();

    private String ownerId;
    private String id;
    private String name;
    private String query;
    private String createdAt;

    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getQuery() { return query; }
    public void setQuery(String query) { this.query = query; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
}
