package io.promptcms.apikey;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An API key as stored in the API keys table. Keyed by the SHA-256 of the secret, so the authorizer finds a
 * key with one GetItem and the table never holds a usable secret; {@code byUser} lists a user's keys.
 * A revoked key is deleted: nothing remains that could authenticate.
 */
final class ApiKeyItem {

    public static final String BY_USER_INDEX = "byUser";
    public static final String KEY_HASH = "keyHash";
    public static final String LAST_USED_AT = "lastUsedAt";

    public static final TableSchema<ApiKeyItem> SCHEMA = StaticTableSchema.builder(ApiKeyItem.class)
            .newItemSupplier(ApiKeyItem::new)
            .addAttribute(String.class, a -> a.name(KEY_HASH).getter(ApiKeyItem::getKeyHash).setter(ApiKeyItem::setKeyHash).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("id").getter(ApiKeyItem::getId).setter(ApiKeyItem::setId))
            .addAttribute(String.class, a -> a.name("userId").getter(ApiKeyItem::getUserId).setter(ApiKeyItem::setUserId).tags(secondaryPartitionKey(BY_USER_INDEX)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ApiKeyItem::getCreatedAt).setter(ApiKeyItem::setCreatedAt).tags(secondarySortKey(BY_USER_INDEX)))
            .addAttribute(String.class, a -> a.name("name").getter(ApiKeyItem::getName).setter(ApiKeyItem::setName))
            .addAttribute(String.class, a -> a.name("prefix").getter(ApiKeyItem::getPrefix).setter(ApiKeyItem::setPrefix))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("scopes").getter(ApiKeyItem::getScopes).setter(ApiKeyItem::setScopes))
            .addAttribute(String.class, a -> a.name(LAST_USED_AT).getter(ApiKeyItem::getLastUsedAt).setter(ApiKeyItem::setLastUsedAt))
            .build();

    private String keyHash;
    private String id;
    private String userId;
    private String createdAt;
    private String name;
    private String prefix;
    private List<String> scopes;
    private String lastUsedAt;

    public String getKeyHash() { return keyHash; }
    public void setKeyHash(String keyHash) { this.keyHash = keyHash; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPrefix() { return prefix; }
    public void setPrefix(String prefix) { this.prefix = prefix; }
    public List<String> getScopes() { return scopes; }
    public void setScopes(List<String> scopes) { this.scopes = scopes; }
    public String getLastUsedAt() { return lastUsedAt; }
    public void setLastUsedAt(String lastUsedAt) { this.lastUsedAt = lastUsedAt; }
}
