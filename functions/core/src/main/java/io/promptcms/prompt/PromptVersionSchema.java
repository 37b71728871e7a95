package io.promptcms.prompt;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A row of the prompt versions table (key {@code promptId} + {@code version}), mapped onto {@link PromptItem}
 * so the {@link ContentStore} stores a snapshot's content exactly as it stores a prompt's. Only the versioned
 * fields and who made the version, when, are kept.
 */
public final class PromptVersionSchema {

    public static final TableSchema<PromptItem> SCHEMA = StaticTableSchema.builder(PromptItem.class)
            .newItemSupplier(PromptItem::new)
            .addAttribute(String.class, a -> a.name("promptId").getter(PromptItem::getId).setter(PromptItem::setId).tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("version").getter(PromptItem::getVersion).setter(PromptItem::setVersion).tags(primarySortKey()))
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
            .addAttribute(String.class, a -> a.name("createdBy").getter(PromptItem::getCreatedBy).setter(PromptItem::setCreatedBy))
            .build();

    private PromptVersionSchema() {
    }
}
