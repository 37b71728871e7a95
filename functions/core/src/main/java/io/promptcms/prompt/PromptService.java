package io.promptcms.prompt;

import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prompts of one owner: create, read, list, full replacement, history and restore, favourites and delete (searches
 * go to the search index, not through here). Another owner's prompt is "not found" on every path, except that a
 * public one can be read. Every change is a conditional write on the
 * revision that was read: a caller who named a revision (If-Match) loses a race with 412, others are retried.
 */
public final class PromptService {

    public static final String ID_PREFIX = "prm";
    private static final int MAX_ATTEMPTS = 3;

    private final PromptRepository repository;
    private final PromptValidator validator;
    private final PromptMapper mapper;
    private final ContentStore contents;
    private final Clock clock;

    public PromptService(PromptRepository repository, ContentStore contents, CollectionLookup collections, Clock clock) {
        this.repository = repository;
        this.contents = contents;
        this.validator = new PromptValidator(collections);
        this.mapper = new PromptMapper(contents);
        this.clock = clock;
    }

    public Prompt create(String userId, PromptInput input) {
        return create(userId, validator.validate(userId, input));
    }

    /** Creates a prompt from a draft {@link #validate} made (for callers that look at the draft before writing). */
    public Prompt create(String userId, PromptDraft draft) {
        NewPrompt created = prepareNew(userId, Ids.newId(ID_PREFIX), draft);
        repository.create(created);
        return mapper.prompt(created.prompt());
    }

    /** The checks and normalisation of create and update, for callers that write in bulk. */
    public PromptDraft validate(String userId, PromptInput input) {
        return validator.validate(userId, input);
    }

    /**
     * A new prompt with the given id and its first version, content already stored by the {@link ContentStore},
     * ready for {@link PromptRepository#createAll}: the same items {@link #create} writes one at a time.
     */
    public NewPrompt prepareNew(String userId, String id, PromptDraft draft) {
        String now = Timestamps.now(clock);
        StoredPrompt fresh = touch(StoredPrompt.builder().id(id).ownerId(userId).version(1L).revision(1L).favorite(false)
                .createdAt(now).createdBy(userId), id, userId, now);
        StoredPrompt item = mapper.apply(fresh, draft, null);
        return new NewPrompt(item, PromptMapper.snapshot(item, now, userId));
    }

    /** The caller's prompt, or someone else's public one (to read only: every other path is the owner's). */
    public Prompt get(String userId, String id) {
        StoredPrompt item = found(id).orElseThrow(() -> ApiException.notFound("prompt"));
        if (Objects.equals(userId, item.ownerId())) {
            return mapper.prompt(item);
        }
        if (!Visibility.PUBLIC.value().equals(item.visibility())) {
            throw ApiException.notFound("prompt");
        }
        // what was published, not the owner's own business: collections, favourite, author ids, usage and spend
        return mapper.prompt(item.toBuilder().favorite(false).collectionIds(null).createdBy(null).updatedBy(null)
                .usageCount(null).totalCostUsd(null).lastRunAt(null).build());
    }

    /** The caller's own prompt: for every path that acts on a prompt or shows its owner's data (runs, similar, history). */
    public Prompt getOwn(String userId, String id) {
        return mapper.prompt(owned(userId, id));
    }

    /** The caller's prompts, most recently updated first, straight from the table (a write shows at once). */
    public Page<PromptSummary> list(String userId, int limit, String cursor) {
        var slice = repository.listByOwner(userId, ListFilter.NONE, limit, cursor);
        return new Page<>(slice.items().stream().map(PromptMapper::summary).toList(), slice.nextCursor());
    }

    /** Replaces the editable fields; a new version only when a versioned field changed, no write when nothing did. */
    public Prompt update(String userId, String id, PromptInput input, RevisionCondition condition) {
        PromptDraft draft = validator.validate(userId, input);
        return change(userId, id, condition, current -> {
            PromptDraft before = mapper.draftOf(current);
            if (before.equals(draft)) {
                return null;
            }
            return edit(current, before, draft, userId, !before.sameVersionedFields(draft));
        });
    }

    /**
     * Replaces the editable fields of the caller's prompt with an already validated draft, as {@link #update}
     * does without If-Match; false when the draft equals the stored prompt (nothing written, no new version).
     */
    public boolean replaceIfChanged(String userId, String id, PromptDraft draft) {
        boolean[] wrote = {false};
        change(userId, id, RevisionCondition.NONE, current -> {
            PromptDraft before = mapper.draftOf(current);
            wrote[0] = !before.equals(draft);
            return wrote[0] ? edit(current, before, draft, userId, !before.sameVersionedFields(draft)) : null;
        });
        return wrote[0];
    }

    /** Makes a new version whose versioned fields are those of version {@code version}. */
    public Prompt restore(String userId, String id, long version, RevisionCondition condition) {
        return change(userId, id, condition, current -> {
            StoredPrompt row = repository.version(current.id(), version).orElseThrow(() -> ApiException.notFound("version"));
            PromptDraft before = mapper.draftOf(current);
            return edit(current, before, before.withVersionedFieldsOf(mapper.draftOf(row)), userId, true);
        });
    }

    public Prompt setFavorite(String userId, String id, boolean favorite, RevisionCondition condition) {
        return change(userId, id, condition, current -> {
            if (favorite == Boolean.TRUE.equals(current.favorite())) {
                return null;
            }
            return new Change(current.toBuilder().favorite(favorite).revision(current.revision() + 1).build(), null);
        });
    }

    public void delete(String userId, String id, RevisionCondition condition) {
        for (int attempt = 1; ; attempt++) {
            StoredPrompt current = owned(userId, id);
            requireAllowed(condition, current);
            var deletion = repository.delete(id, current.revision());
            if (deletion.deleted()) {
                if (deletion.externalContent()) {
                    contents.deleteAll(id);
                }
                return;
            }
            lostRace(condition, attempt);
        }
    }

    public Page<VersionSummary> versions(String userId, String id, int limit, String cursor) {
        StoredPrompt prompt = owned(userId, id);
        var slice = repository.versions(prompt.id(), limit, cursor);
        return new Page<>(slice.items().stream().map(PromptMapper::versionSummary).toList(), slice.nextCursor());
    }

    public PromptVersion version(String userId, String id, long version) {
        StoredPrompt prompt = owned(userId, id);
        return repository.version(prompt.id(), version).map(mapper::version).orElseThrow(() -> ApiException.notFound("version"));
    }

    /** A new state of the prompt and, when the history grows, its new version row. */
    private record Change(StoredPrompt prompt, StoredPrompt version) {
    }

    private Change edit(StoredPrompt current, PromptDraft before, PromptDraft after, String userId, boolean newVersion) {
        String now = Timestamps.now(clock);
        StoredPrompt applied = mapper.apply(current, after, before.fields().content());
        var next = applied.toBuilder().revision(current.revision() + 1);
        if (!newVersion) {
            return new Change(touch(next, current.id(), userId, now), null);
        }
        StoredPrompt versioned = touch(next.version(current.version() + 1), current.id(), userId, now);
        return new Change(versioned, PromptMapper.snapshot(versioned, now, userId));
    }

    /**
     * Read, check the caller's condition, compute the change (null: nothing to do), write it conditionally on the
     * revision read; on a lost race fail (If-Match) or start over from a fresh read.
     */
    private Prompt change(String userId, String id, RevisionCondition condition, Function<StoredPrompt, Change> modify) {
        for (int attempt = 1; ; attempt++) {
            StoredPrompt current = owned(userId, id);
            requireAllowed(condition, current);
            Change change = modify.apply(current);
            if (change == null) {
                return mapper.prompt(current);
            }
            if (repository.update(change.prompt(), current.revision(), change.version())) {
                return mapper.prompt(change.prompt());
            }
            lostRace(condition, attempt);
        }
    }

    private static void requireAllowed(RevisionCondition condition, StoredPrompt current) {
        if (!condition.allows(current.revision())) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "the prompt is at revision " + current.revision() + "; reload it and try again");
        }
    }

    private static void lostRace(RevisionCondition condition, int attempt) {
        if (condition.isSpecific()) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, "the prompt was changed by another request; reload it and try again");
        }
        if (attempt == MAX_ATTEMPTS) {
            throw new ApiException(ProblemType.CONFLICT, "the prompt is being changed by other requests; try again");
        }
    }

    /** The caller's prompt, or 404 for ids that are malformed, unknown or someone else's alike. */
    private StoredPrompt owned(String userId, String id) {
        return found(id).filter(item -> Objects.equals(userId, item.ownerId())).orElseThrow(() -> ApiException.notFound("prompt"));
    }

    private Optional<StoredPrompt> found(String id) {
        return Ids.looksLike(ID_PREFIX, id) ? repository.get(id) : Optional.empty();
    }

    /** Stamps who changed the prompt, when; the owner's listing sorts by {@code ownerSort}. */
    private static StoredPrompt touch(StoredPrompt.Builder item, String id, String userId, String now) {
        return item.updatedAt(now).updatedBy(userId).ownerSort(now + "#" + id).build();
    }
}
