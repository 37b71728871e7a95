package io.promptcms.prompt;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A row of the prompt versions table (key {@code promptId} + {@code version}), mapped onto {@link PromptItem}
 * so the {@link ContentStore} stores a snapshot's content exactly as it stores a prompt's. Only the versioned
 * fields and who made the version, when, are kept.
 */
public final class PromptVersionSchema {

    public static final TableSchema<PromptItem> SCHEMA = PromptItem.withVersionedAttributes(StaticTableSchema.builder(PromptItem.class)
            .newItemSupplier(PromptItem::new)
            .addAttribute(String.class, a -> a.name("promptId").getter(PromptItem::getId).setter(PromptItem::setId).tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("version").getter(PromptItem::getVersion).setter(PromptItem::setVersion).tags(primarySortKey()))
            ).build();

    private PromptVersionSchema() {
    }
}
