package io.promptcms.prompt;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one mapping between {@link StoredPrompt} and the items of the prompts and prompt versions tables, and the
 * attribute names that expressions need: no other package spells them.
 */
final class PromptSchemas {

    static final String BY_OWNER_INDEX = "byOwner";
    /** Prompts by {@code ownerFingerprint} ({@link ContentFingerprint#ownerKey}): exact duplicates of a content. */
    static final String BY_FINGERPRINT_INDEX = "byFingerprint";

    static final String ID = "id";
    static final String OWNER_ID = "ownerId";
    static final String OWNER_SORT = "ownerSort";
    static final String NAME = "name";
    static final String CONTENT_REF = "contentRef";
    static final String TAGS = "tags";
    static final String COLLECTION_IDS = "collectionIds";
    static final String FAVORITE = "favorite";
    static final String VERSION_NUMBER = "version";
    static final String REVISION = "revision";
    static final String USAGE_COUNT = "usageCount";
    static final String TOTAL_COST_USD = "totalCostUsd";
    static final String LAST_RUN_AT = "lastRunAt";
    static final String USAGE_REVISION = "usageRevision";
    static final String CONTENT_FINGERPRINT = "contentFingerprint";
    /** The partition key of a version row: the prompt's id. */
    static final String PROMPT_ID = "promptId";

    private static final EnhancedType<List<String>> STRINGS = EnhancedType.listOf(String.class);

    /** The versioned fields, as top-level attributes of a prompt or version item (the content: only when plain). */
    private static final TableSchema<PromptFields> FIELDS = StaticImmutableTableSchema.builder(PromptFields.class, FieldsBuilder.class)
            .newItemBuilder(FieldsBuilder::new, FieldsBuilder::build)
            .addAttribute(String.class, a -> a.name(NAME).getter(PromptFields::name).setter((b, v) -> b.name = v))
            .addAttribute(String.class, a -> a.name("content").getter(PromptFields::content).setter((b, v) -> b.content = v))
            .addAttribute(String.class, a -> a.name("description").getter(PromptFields::description).setter((b, v) -> b.description = v))
            .addAttribute(STRINGS, a -> a.name(TAGS).getter(PromptFields::tags).setter((b, v) -> b.tags = v))
            .addAttribute(String.class, a -> a.name("model").getter(PromptFields::model).setter((b, v) -> b.model = v))
            .addAttribute(STRINGS, a -> a.name("variables").getter(PromptFields::variables).setter((b, v) -> b.variables = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("metadata").getter(PromptFields::metadata).setter((b, v) -> b.metadata = v))
            .build();

    static final TableSchema<StoredPrompt> PROMPT = withVersionedAttributes(StaticImmutableTableSchema.builder(StoredPrompt.class, StoredPrompt.Builder.class)
            .newItemBuilder(StoredPrompt.Builder::new, StoredPrompt.Builder::build)
            .addAttribute(String.class, a -> a.name(ID).getter(StoredPrompt::id).setter(StoredPrompt.Builder::id).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(OWNER_ID).getter(StoredPrompt::ownerId).setter(StoredPrompt.Builder::ownerId).tags(secondaryPartitionKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name(OWNER_SORT).getter(StoredPrompt::ownerSort).setter(StoredPrompt.Builder::ownerSort).tags(secondarySortKey(BY_OWNER_INDEX)))
            .addAttribute(String.class, a -> a.name("teamId").getter(StoredPrompt::teamId).setter(StoredPrompt.Builder::teamId))
            .addAttribute(STRINGS, a -> a.name(COLLECTION_IDS).getter(StoredPrompt::collectionIds).setter(StoredPrompt.Builder::collectionIds))
            .addAttribute(String.class, a -> a.name("visibility").getter(StoredPrompt::visibility).setter(StoredPrompt.Builder::visibility))
            .addAttribute(Long.class, a -> a.name(VERSION_NUMBER).getter(StoredPrompt::version).setter(StoredPrompt.Builder::version))
            .addAttribute(Long.class, a -> a.name(REVISION).getter(StoredPrompt::revision).setter(StoredPrompt.Builder::revision))
            .addAttribute(Boolean.class, a -> a.name(FAVORITE).getter(StoredPrompt::favorite).setter(StoredPrompt.Builder::favorite))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(StoredPrompt::updatedAt).setter(StoredPrompt.Builder::updatedAt))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(StoredPrompt::updatedBy).setter(StoredPrompt.Builder::updatedBy))
            .addAttribute(Long.class, a -> a.name(USAGE_COUNT).getter(StoredPrompt::usageCount).setter(StoredPrompt.Builder::usageCount))
            .addAttribute(Double.class, a -> a.name(TOTAL_COST_USD).getter(StoredPrompt::totalCostUsd).setter(StoredPrompt.Builder::totalCostUsd))
            .addAttribute(String.class, a -> a.name(LAST_RUN_AT).getter(StoredPrompt::lastRunAt).setter(StoredPrompt.Builder::lastRunAt))
            .addAttribute(Long.class, a -> a.name(USAGE_REVISION).getter(StoredPrompt::usageRevision).setter(StoredPrompt.Builder::usageRevision))
            .addAttribute(String.class, a -> a.name(CONTENT_FINGERPRINT).getter(StoredPrompt::contentFingerprint).setter(StoredPrompt.Builder::contentFingerprint))
            .addAttribute(String.class, a -> a.name("ownerFingerprint").getter(StoredPrompt::ownerFingerprint).setter(StoredPrompt.Builder::ownerFingerprint)
                    .tags(secondaryPartitionKey(BY_FINGERPRINT_INDEX)))
            ).build();

    /**
     * A row of the versions table (key {@code promptId} + {@code version}): only the versioned fields and who made the
     * version, when, so the {@link ContentStore} stores a snapshot's content exactly as it stores a prompt's.
     */
    static final TableSchema<StoredPrompt> VERSION = withVersionedAttributes(StaticImmutableTableSchema.builder(StoredPrompt.class, StoredPrompt.Builder.class)
            .newItemBuilder(StoredPrompt.Builder::new, StoredPrompt.Builder::build)
            .addAttribute(String.class, a -> a.name(PROMPT_ID).getter(StoredPrompt::id).setter(StoredPrompt.Builder::id).tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name(VERSION_NUMBER).getter(StoredPrompt::version).setter(StoredPrompt.Builder::version).tags(primarySortKey()))
            ).build();

    private PromptSchemas() {
    }

    /** Collects the attributes of {@link #FIELDS} as the table schema reads them. */
    private static final class FieldsBuilder {
        private String name;
        private String content;
        private String description;
        private List<String> tags;
        private String model;
        private List<String> variables;
        private Map<String, String> metadata;

        PromptFields build() {
            return new PromptFields(name, content, description, tags, model, variables, metadata);
        }
    }

    /** The attributes a prompt and each of its versions both hold: the versioned fields and where the content is. */
    private static StaticImmutableTableSchema.Builder<StoredPrompt, StoredPrompt.Builder> withVersionedAttributes(
            StaticImmutableTableSchema.Builder<StoredPrompt, StoredPrompt.Builder> builder) {
        return builder
                .flatten(FIELDS, StoredPrompt::fields, StoredPrompt.Builder::fields)
                .addAttribute(SdkBytes.class, a -> a.name("contentGz").getter(StoredPrompt::contentGz).setter(StoredPrompt.Builder::contentGz))
                .addAttribute(String.class, a -> a.name(CONTENT_REF).getter(StoredPrompt::contentRef).setter(StoredPrompt.Builder::contentRef))
                .addAttribute(Integer.class, a -> a.name("contentLength").getter(StoredPrompt::contentLength).setter(StoredPrompt.Builder::contentLength))
                .addAttribute(String.class, a -> a.name("contentPreview").getter(StoredPrompt::contentPreview).setter(StoredPrompt.Builder::contentPreview))
                .addAttribute(String.class, a -> a.name("createdAt").getter(StoredPrompt::createdAt).setter(StoredPrompt.Builder::createdAt))
                .addAttribute(String.class, a -> a.name("createdBy").getter(StoredPrompt::createdBy).setter(StoredPrompt.Builder::createdBy));
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(ID, AttributeValue.fromS(id));
    }
}
