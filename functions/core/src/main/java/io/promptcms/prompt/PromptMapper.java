package io.promptcms.prompt;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Converts between stored prompts and the domain's drafts and views; the content goes through the {@link ContentStore}. */
final class PromptMapper {

    private final ContentStore contents;

    PromptMapper(ContentStore contents) {
        this.contents = contents;
    }

    /** The editable fields of a stored prompt, with its full content. */
    PromptDraft draftOf(StoredPrompt item) {
        return new PromptDraft(item.name(), contents.read(item), item.description(), list(item.tags()), item.model(),
                list(item.collectionIds()), Visibility.parse(item.visibility()).orElse(Visibility.PRIVATE),
                list(item.variables()), map(item.metadata()));
    }

    /**
     * {@code item} with the draft's fields, storing the content again only when it changed. The content fingerprint
     * is set every time (also for an unchanged content), so a prompt written before fingerprints existed gains one at
     * its next edit. {@code item} must already carry its owner.
     */
    StoredPrompt apply(StoredPrompt item, PromptDraft draft, String currentContent) {
        StoredPrompt stored = Objects.equals(currentContent, draft.content()) ? item : contents.write(item, draft.content());
        String fingerprint = ContentFingerprint.of(draft.content());
        return stored.toBuilder()
                .name(draft.name())
                .description(draft.description())
                .tags(draft.tags())
                .model(draft.model())
                .collectionIds(draft.collectionIds())
                .visibility(draft.visibility().value())
                .variables(draft.variables())
                .metadata(draft.metadata())
                .contentFingerprint(fingerprint)
                .ownerFingerprint(ContentFingerprint.ownerKey(item.ownerId(), fingerprint))
                .build();
    }

    /**
     * A history row holding the prompt's versioned fields as they are now: the prompt made by {@code createdBy} at
     * {@code createdAt} (the versions table keeps only the versioned attributes of it).
     */
    static StoredPrompt snapshot(StoredPrompt prompt, String createdAt, String createdBy) {
        return prompt.toBuilder().createdAt(createdAt).createdBy(createdBy).build();
    }

    Prompt prompt(StoredPrompt item) {
        return new Prompt(item.id(), item.name(), contents.read(item), item.description(), list(item.tags()),
                item.model(), list(item.collectionIds()), item.visibility(), list(item.variables()), map(item.metadata()),
                item.version(), item.revision(), Boolean.TRUE.equals(item.favorite()), item.createdAt(), item.updatedAt(),
                item.createdBy(), item.updatedBy(), item.runs(), item.spentUsd(), item.lastRunAt());
    }

    static PromptSummary summary(StoredPrompt item) {
        return new PromptSummary(item.id(), item.name(), item.contentPreview(), orZero(item.contentLength()),
                item.description(), list(item.tags()), item.model(), list(item.collectionIds()), item.visibility(),
                list(item.variables()), map(item.metadata()), item.version(), item.revision(),
                Boolean.TRUE.equals(item.favorite()), item.createdAt(), item.updatedAt(), item.createdBy(),
                item.updatedBy(), item.runs(), item.spentUsd(), item.lastRunAt(), null);
    }

    PromptVersion version(StoredPrompt row) {
        return new PromptVersion(row.id(), row.version(), row.name(), contents.read(row), orZero(row.contentLength()),
                row.description(), list(row.tags()), row.model(), list(row.variables()), map(row.metadata()),
                row.createdAt(), row.createdBy());
    }

    static VersionSummary versionSummary(StoredPrompt row) {
        return new VersionSummary(row.version(), row.name(), row.createdAt(), row.createdBy(),
                orZero(row.contentLength()), row.contentPreview());
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
}
