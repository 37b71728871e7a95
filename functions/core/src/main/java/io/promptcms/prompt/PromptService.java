package io.promptcms.prompt;

import io.promptcms.common.Page;
import io.promptcms.common.Timestamps;
import io.promptcms.common.ApiException;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.search.PromptSearch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Prompts of one owner: create, read, list and search, full replacement, history and restore, favourites and
 * delete. Another owner's prompt is "not found" on every path. Every change is a conditional write on the
 * revision that was read: a caller who named a revision (If-Match) loses a race with 412, others are retried.
 */
public final class PromptService {

    public static final String ID_PREFIX = "prm";
    private static final int MAX_ATTEMPTS = 3;

    private final PromptRepository repository;
    private final PromptSearch search;
    private final PromptValidator validator;
    private final PromptMapper mapper;
    private final ContentStore contents;
    private final Clock clock;

    public PromptService(PromptRepository repository, ContentStore contents, PromptSearch search, CollectionLookup collections, Clock clock) {
        this.repository = repository;
        this.contents = contents;
        this.search = search;
        this.validator = new PromptValidator(collections);
        this.mapper = new PromptMapper(contents);
        this.clock = clock;
    }

    /** What a list asks for: free text (searched) or the filters over the owner's prompts, newest first. */
    public record ListQuery(String text, ListFilter filter, int limit, String cursor) {
    }

    public Prompt create(String userId, PromptInput input) {
        return create(userId, validator.validate(userId, input));
    }

    /** Creates a prompt from a draft {@link #validate} made (for callers that look at the draft before writing). */
    public Prompt create(String userId, PromptDraft draft) {
        NewPrompt created = prepareNew(userId, Ids.newId(ID_PREFIX), draft);
        repository.create(created.prompt(), created.firstVersion());
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
        PromptItem item = new PromptItem();
        item.setId(id);
        item.setOwnerId(userId);
        item.setVersion(1L);
        item.setRevision(1L);
        item.setFavorite(false);
        item.setCreatedAt(now);
        item.setCreatedBy(userId);
        touch(item, userId, now);
        mapper.apply(item, draft, null);
        return new NewPrompt(item, PromptMapper.snapshot(item, now, userId));
    }

    public Prompt get(String userId, String id) {
        return mapper.prompt(owned(userId, id));
    }

    public Page<PromptSummary> list(String userId, ListQuery query) {
        if (query.text() == null) {
            var slice = repository.listByOwner(userId, query.filter(), query.limit(), query.cursor());
            return new Page<>(slice.items().stream().map(item -> PromptMapper.summary(item, null)).toList(), slice.nextCursor());
        }
        PromptSearch.Page hits = search.search(new PromptSearch.Query(userId, query.text(), query.limit(), query.cursor()));
        Map<String, PromptItem> found = repository.getAll(hits.hits().stream().map(PromptSearch.Hit::id).toList());
        // The index lags DynamoDB: hits for prompts deleted (or never ours) a moment ago are dropped here.
        List<PromptSummary> items = hits.hits().stream()
                .filter(hit -> found.containsKey(hit.id()))
                .filter(hit -> userId.equals(found.get(hit.id()).getOwnerId()) && query.filter().matches(found.get(hit.id())))
                .map(hit -> PromptMapper.summary(found.get(hit.id()), hit.highlights()))
                .toList();
        return new Page<>(items, hits.nextCursor());
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
            PromptItem row = repository.version(current.getId(), version).orElseThrow(() -> ApiException.notFound("version"));
            PromptDraft before = mapper.draftOf(current);
            return edit(current, before, before.withVersionedFieldsOf(mapper.draftOf(row)), userId, true);
        });
    }

    public Prompt setFavorite(String userId, String id, boolean favorite, RevisionCondition condition) {
        return change(userId, id, condition, current -> {
            if (favorite == Boolean.TRUE.equals(current.getFavorite())) {
                return null;
            }
            PromptItem next = PromptMapper.copy(current);
            next.setFavorite(favorite);
            next.setRevision(current.getRevision() + 1);
            return new Change(next, null);
        });
    }

    public void delete(String userId, String id, RevisionCondition condition) {
        for (int attempt = 1; ; attempt++) {
            PromptItem current = owned(userId, id);
            requireAllowed(condition, current);
            var deletion = repository.delete(id, current.getRevision());
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
        PromptItem prompt = owned(userId, id);
        var slice = repository.versions(prompt.getId(), limit, cursor);
        return new Page<>(slice.items().stream().map(PromptMapper::versionSummary).toList(), slice.nextCursor());
    }

    public PromptVersion version(String userId, String id, long version) {
        PromptItem prompt = owned(userId, id);
        return repository.version(prompt.getId(), version).map(mapper::version).orElseThrow(() -> ApiException.notFound("version"));
    }

    /** A new state of the prompt and, when the history grows, its new version row. */
    private record Change(PromptItem prompt, PromptItem version) {
    }

    private Change edit(PromptItem current, PromptDraft before, PromptDraft after, String userId, boolean newVersion) {
        String now = Timestamps.now(clock);
        PromptItem next = PromptMapper.copy(current);
        mapper.apply(next, after, before.content());
        next.setRevision(current.getRevision() + 1);
        touch(next, userId, now);
        if (!newVersion) {
            return new Change(next, null);
        }
        next.setVersion(current.getVersion() + 1);
        return new Change(next, PromptMapper.snapshot(next, now, userId));
    }

    /**
     * Read, check the caller's condition, compute the change (null: nothing to do), write it conditionally on the
     * revision read; on a lost race fail (If-Match) or start over from a fresh read.
     */
    private Prompt change(String userId, String id, RevisionCondition condition, Function<PromptItem, Change> modify) {
        for (int attempt = 1; ; attempt++) {
            PromptItem current = owned(userId, id);
            requireAllowed(condition, current);
            Change change = modify.apply(current);
            if (change == null) {
                return mapper.prompt(current);
            }
            if (repository.update(change.prompt(), current.getRevision(), change.version())) {
                return mapper.prompt(change.prompt());
            }
            lostRace(condition, attempt);
        }
    }

    private static void requireAllowed(RevisionCondition condition, PromptItem current) {
        if (!condition.allows(current.getRevision())) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "the prompt is at revision " + current.getRevision() + "; reload it and try again");
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
    private PromptItem owned(String userId, String id) {
        if (!Ids.looksLike(ID_PREFIX, id)) {
            throw ApiException.notFound("prompt");
        }
        return repository.get(id).filter(item -> Objects.equals(userId, item.getOwnerId())).orElseThrow(() -> ApiException.notFound("prompt"));
    }

    private static void touch(PromptItem item, String userId, String now) {
        item.setUpdatedAt(now);
        item.setUpdatedBy(userId);
        item.setOwnerSort(now + "#" + item.getId());
    }

    /** Fixed-width milliseconds (Instant.toString drops ".000"), so that ownerSort orders by time as text. */
}
