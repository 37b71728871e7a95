package io.promptcms.prompt;

import java.util.List;
import java.util.Objects;

/** Converts between stored prompts and the domain's drafts and views; the content goes through the {@link ContentStore}. */
final class PromptMapper {

    private final ContentStore contents;

    PromptMapper(ContentStore contents) {
        this.contents = contents;
    }

    /** The editable fields of a stored prompt, with its full content. */
    PromptDraft draftOf(StoredPrompt item) {
        return new PromptDraft(fullFields(item), list(item.collectionIds()),
                Visibility.parse(item.visibility()).orElse(Visibility.PRIVATE));
    }

    /**
     * {@code item} with the draft's fields, storing the content again only when it changed. The content fingerprint
     * is set every time (also for an unchanged content), so a prompt written before fingerprints existed gains one at
     * its next edit. {@code item} must already carry its owner.
     */
    StoredPrompt apply(StoredPrompt item, PromptDraft draft, String currentContent) {
        String content = draft.fields().content();
        StoredPrompt stored = Objects.equals(currentContent, content) ? item : contents.write(item, content);
        String fingerprint = ContentFingerprint.of(content);
        return stored.toBuilder()
                .fields(draft.fields().withContent(stored.fields().content())) // the content as the store keeps it
                .collectionIds(draft.collectionIds())
                .visibility(draft.visibility().value())
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
        return new Prompt(item.id(), fullFields(item), list(item.collectionIds()), item.visibility(), status(item));
    }

    static PromptSummary summary(StoredPrompt item) {
        return new PromptSummary(item.id(), item.fields().withContent(null).orEmpty(), item.contentPreview(),
                orZero(item.contentLength()), list(item.collectionIds()), item.visibility(), status(item), null);
    }

    PromptVersion version(StoredPrompt row) {
        return new PromptVersion(row.id(), row.version(), fullFields(row), orZero(row.contentLength()), row.createdAt(), row.createdBy());
    }

    static VersionSummary versionSummary(StoredPrompt row) {
        return new VersionSummary(row.version(), row.fields().name(), row.createdAt(), row.createdBy(),
                orZero(row.contentLength()), row.contentPreview());
    }

    /** The versioned fields with the full content, wherever it is stored. */
    private PromptFields fullFields(StoredPrompt item) {
        return item.fields().withContent(contents.read(item)).orEmpty();
    }

    private static PromptStatus status(StoredPrompt item) {
        return new PromptStatus(item.version(), item.revision(), Boolean.TRUE.equals(item.favorite()), item.createdAt(),
                item.updatedAt(), item.createdBy(), item.updatedBy(), item.runs(), item.spentUsd(), item.lastRunAt());
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
