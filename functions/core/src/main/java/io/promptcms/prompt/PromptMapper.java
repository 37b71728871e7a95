package io.promptcms.prompt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Converts between stored items and the domain's drafts and views; the content goes through the {@link ContentStore}. */
final class PromptMapper {

    private final ContentStore contents;

    PromptMapper(ContentStore contents) {
        this.contents = contents;
    }

    /** The editable fields of a stored prompt, with its full content. */
    PromptDraft draftOf(PromptItem item) {
        return new PromptDraft(item.getName(), contents.read(item), item.getDescription(), list(item.getTags()), item.getModel(),
                list(item.getCollectionIds()), Visibility.parse(item.getVisibility()).orElse(Visibility.PRIVATE),
                list(item.getVariables()), map(item.getMetadata()));
    }

    /**
     * Writes the draft's fields into {@code item}, storing the content again only when it changed. The content
     * fingerprint is set every time (also for an unchanged content), so a prompt written before fingerprints existed
     * gains one at its next edit. {@code item} must already carry its owner.
     */
    void apply(PromptItem item, PromptDraft draft, String currentContent) {
        item.setName(draft.name());
        item.setDescription(draft.description());
        item.setTags(draft.tags());
        item.setModel(draft.model());
        item.setCollectionIds(draft.collectionIds());
        item.setVisibility(draft.visibility().value());
        item.setVariables(draft.variables());
        item.setMetadata(draft.metadata());
        if (!Objects.equals(currentContent, draft.content())) {
            contents.write(item, draft.content());
        }
        String fingerprint = ContentFingerprint.of(draft.content());
        item.setContentFingerprint(fingerprint);
        item.setOwnerFingerprint(ContentFingerprint.ownerKey(item.getOwnerId(), fingerprint));
    }

    /** A history row holding the prompt's versioned fields as they are now. */
    static PromptItem snapshot(PromptItem prompt, String createdAt, String createdBy) {
        PromptItem version = new PromptItem();
        version.setId(prompt.getId());
        version.setVersion(prompt.getVersion());
        version.setName(prompt.getName());
        version.setContent(prompt.getContent());
        version.setContentGz(prompt.getContentGz());
        version.setContentRef(prompt.getContentRef());
        version.setContentLength(prompt.getContentLength());
        version.setContentPreview(prompt.getContentPreview());
        version.setDescription(prompt.getDescription());
        version.setTags(prompt.getTags());
        version.setModel(prompt.getModel());
        version.setVariables(prompt.getVariables());
        version.setMetadata(prompt.getMetadata());
        version.setCreatedAt(createdAt);
        version.setCreatedBy(createdBy);
        return version;
    }

    static PromptItem copy(PromptItem item) {
        return PromptItem.SCHEMA.mapToItem(PromptItem.SCHEMA.itemToMap(item, true));
    }

    Prompt prompt(PromptItem item) {
        return new Prompt(item.getId(), item.getName(), contents.read(item), item.getDescription(), list(item.getTags()),
                item.getModel(), list(item.getCollectionIds()), item.getVisibility(), list(item.getVariables()), map(item.getMetadata()),
                item.getVersion(), item.getRevision(), Boolean.TRUE.equals(item.getFavorite()), item.getCreatedAt(), item.getUpdatedAt(),
                item.getCreatedBy(), item.getUpdatedBy(), orZero(item.getUsageCount()), item.getTotalCostUsd() == null ? 0 : item.getTotalCostUsd(),
                item.getLastRunAt());
    }

    static PromptSummary summary(PromptItem item, Map<String, List<String>> highlights) {
        return new PromptSummary(item.getId(), item.getName(), item.getContentPreview(), orZero(item.getContentLength()),
                item.getDescription(), list(item.getTags()), item.getModel(), list(item.getCollectionIds()), item.getVisibility(),
                list(item.getVariables()), map(item.getMetadata()), item.getVersion(), item.getRevision(),
                Boolean.TRUE.equals(item.getFavorite()), item.getCreatedAt(), item.getUpdatedAt(), item.getCreatedBy(),
                item.getUpdatedBy(), orZero(item.getUsageCount()), item.getTotalCostUsd() == null ? 0 : item.getTotalCostUsd(),
                item.getLastRunAt(), highlights);
    }

    PromptVersion version(PromptItem row) {
        return new PromptVersion(row.getId(), row.getVersion(), row.getName(), contents.read(row), orZero(row.getContentLength()),
                row.getDescription(), list(row.getTags()), row.getModel(), list(row.getVariables()), map(row.getMetadata()),
                row.getCreatedAt(), row.getCreatedBy());
    }

    static VersionSummary versionSummary(PromptItem row) {
        return new VersionSummary(row.getVersion(), row.getName(), row.getCreatedAt(), row.getCreatedBy(),
                orZero(row.getContentLength()), row.getContentPreview());
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static Map<String, String> map(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
