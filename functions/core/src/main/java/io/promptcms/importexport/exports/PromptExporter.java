package io.promptcms.importexport.exports;

import io.promptcms.auth.Principal;
import io.promptcms.collection.Collection;
import io.promptcms.collection.CollectionService;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import io.promptcms.importexport.format.ExportWriter;
import io.promptcms.importexport.format.PromptRecord;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.ListFilter;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.prompt.StoredPrompt;
import io.promptcms.search.PromptSearch;
import io.promptcms.search.PromptSearchQuery;
import io.promptcms.search.SearchParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Streams the caller's selected prompts into an {@link ExportWriter}, one page (100 prompts) in memory at a time:
 * ids in the order given, everything else newest first (free text in search order). Prompts that are not the
 * caller's — unknown, malformed or another user's ids alike — are only counted as {@code missing}. Collections
 * are written by name.
 */
public final class PromptExporter {

    private static final int PAGE = PageCursor.MAX_LIMIT;

    private final PromptRepository prompts;
    private final PromptSearch search;
    private final ContentReader contents;
    private final CollectionService collections;

    public PromptExporter(PromptRepository prompts, PromptSearch search, ContentReader contents, CollectionService collections) {
        this.prompts = prompts;
        this.search = search;
        this.contents = contents;
        this.collections = collections;
    }

    /** Asked after every written prompt whether to go on; false stops the export (incomplete). */
    @FunctionalInterface
    public interface Progress {
        boolean proceed(long exported);
    }

    /** How many prompts were written and how many selected ids were not the caller's; {@code complete} unless stopped. */
    public record Result(long exported, long missing, boolean complete) {
    }

    public Result export(String userId, ExportSelection selection, ExportWriter writer, Progress progress) {
        var run = new Run(userId, collectionNames(userId), writer, progress);
        if (selection.ids() != null) {
            run.byIds(selection.ids());
        } else if (selection.filter() != null && selection.filter().q() != null) {
            run.bySearch(selection.filter().q(), selection.filter().listFilter());
        } else {
            run.byOwner(selection.filter() == null ? ListFilter.NONE : selection.filter().listFilter());
        }
        return new Result(run.exported, run.missing, !run.stopped);
    }

    private Map<String, String> collectionNames(String userId) {
        Principal owner = new Principal(userId, null, null, Set.of());
        Map<String, String> names = new HashMap<>();
        String cursor = null;
        do {
            Page<Collection> page = collections.list(owner, PageCursor.MAX_LIMIT, Optional.ofNullable(cursor));
            page.items().forEach(collection -> names.put(collection.id(), collection.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return names;
    }

    /** One export's state: counters, and whether the progress callback stopped it. */
    private final class Run {
        private final String userId;
        private final Map<String, String> collectionNames;
        private final ExportWriter writer;
        private final Progress progress;
        private long exported;
        private long missing;
        private boolean stopped;

        Run(String userId, Map<String, String> collectionNames, ExportWriter writer, Progress progress) {
            this.userId = userId;
            this.collectionNames = collectionNames;
            this.writer = writer;
            this.progress = progress;
        }

        void byIds(List<String> ids) {
            for (int from = 0; from < ids.size() && !stopped; from += PAGE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
                Map<String, StoredPrompt> found = prompts.getAll(chunk.stream().filter(id -> Ids.looksLike(PromptService.ID_PREFIX, id)).toList());
                for (String id : chunk) {
                    StoredPrompt item = found.get(id);
                    if (item == null || !userId.equals(item.ownerId())) {
                        missing++;
                    } else if (!write(item)) {
                        return;
                    }
                }
            }
        }

        void bySearch(String text, ListFilter filter) {
            String cursor = null;
            do {
                Map<String, List<String>> query = new HashMap<>(Map.of("q", List.of(text), "limit", List.of(Integer.toString(PAGE))));
                if (cursor != null) {
                    query.put("cursor", List.of(cursor));
                }
                PromptSearch.Results hits = search.search(PromptSearchQuery.Visibility.of(userId), SearchParams.parse(query));
                Map<String, StoredPrompt> found = prompts.getAll(hits.items().stream().map(PromptSummary::id).toList());
                // the index lags the table: hits of prompts deleted a moment ago (or not the caller's) are dropped
                for (PromptSummary hit : hits.items()) {
                    StoredPrompt item = found.get(hit.id());
                    if (item != null && userId.equals(item.ownerId()) && filter.matches(item) && !write(item)) {
                        return;
                    }
                }
                cursor = hits.nextCursor();
            } while (cursor != null);
        }

        void byOwner(ListFilter filter) {
            String cursor = null;
            do {
                var slice = prompts.listByOwner(userId, filter, PAGE, cursor);
                for (StoredPrompt item : slice.items()) {
                    if (!write(item)) {
                        return;
                    }
                }
                cursor = slice.nextCursor();
            } while (cursor != null);
        }

        private boolean write(StoredPrompt item) {
            try {
                writer.write(record(item));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exported++;
            stopped = !progress.proceed(exported);
            return !stopped;
        }

        private PromptRecord record(StoredPrompt item) {
            List<String> names = item.collectionIds() == null ? List.of()
                    : item.collectionIds().stream().map(collectionNames::get).filter(Objects::nonNull).toList();
            return new PromptRecord(item.id(), item.fields().withContent(contents.read(item)).orEmpty(), names,
                    item.visibility(), item.teamId(), item.version(), item.createdAt(), item.updatedAt(), item.runs(), item.spentUsd());
        }
    }
}
