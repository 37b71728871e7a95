package io.promptcms.search;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import java.io.IOException;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;

/**
 * Searches the prompts alias with {@link PromptQueries}, best matches first (ties by id, so pages are stable),
 * with highlighted fragments, paged with {@code search_after} behind an opaque {@link SearchCursor}.
 */
public final class OpenSearchPromptSearch implements PromptSearch {

    private static final List<String> HIGHLIGHTED_FIELDS = List.of("name", "content", "description");
    private static final int FRAGMENT_SIZE = 150;
    private static final int MAX_LIMIT = 100;

    private static final System.Logger LOG = System.getLogger(OpenSearchPromptSearch.class.getName());

    private final OpenSearchClient client;
    private final String alias;

    public OpenSearchPromptSearch(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    @Override
    public Page search(Query query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        List<FieldValue> after = query.cursor() == null ? null : SearchCursor.decode(query.cursor(), query.ownerId(), query.text());
        SearchRequest request = SearchRequest.of(s -> {
            s.index(alias)
                    .query(PromptQueries.ownedMatching(query.ownerId(), query.text()))
                    .size(query.limit() + 1) // one more than a page tells whether there is a next page
                    .source(src -> src.fetch(false))
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                    .highlight(h -> {
                        h.encoder(HighlighterEncoder.Html).fragmentSize(FRAGMENT_SIZE).numberOfFragments(3);
                        HIGHLIGHTED_FIELDS.forEach(field -> h.fields(field, f -> f));
                        return h;
                    });
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        });
        SearchResponse<Void> response;
        try {
            response = client.search(request, Void.class);
        } catch (IOException | OpenSearchException e) {
            LOG.log(System.Logger.Level.ERROR, "search failed", e);
            throw new ApiException(ProblemType.UNAVAILABLE, "search is unavailable, try again shortly");
        }
        return page(response, query);
    }

    private static Page page(SearchResponse<Void> response, Query query) {
        var hits = response.hits().hits();
        boolean more = hits.size() > query.limit();
        var pageHits = more ? hits.subList(0, query.limit()) : hits;
        String nextCursor = more
                ? SearchCursor.encode(pageHits.get(pageHits.size() - 1).sort(), query.ownerId(), query.text())
                : null;
        long total = response.hits().total() == null ? pageHits.size() : response.hits().total().value();
        return new Page(pageHits.stream()
                .map(hit -> new Hit(hit.id(), hit.score() == null ? 0 : hit.score(), hit.highlight()))
                .toList(), total, nextCursor);
    }
}
