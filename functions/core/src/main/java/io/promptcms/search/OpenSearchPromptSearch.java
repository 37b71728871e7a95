package io.promptcms.search;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.search.PromptSearchQuery.Facet;
import io.promptcms.search.PromptSearchQuery.Visibility;
import io.promptcms.search.SearchCursor.Position;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Runs {@link PromptSearchQuery} against the prompts alias and turns the hits' {@code _source} into list items,
 * paged with {@code search_after} behind an opaque {@link SearchCursor}. With quick=high-cost the first page first
 * asks for the caller's cost-per-run threshold; the cursor carries it to the next pages.
 */
public final class OpenSearchPromptSearch implements PromptSearch {

    private static final System.Logger LOG = System.getLogger(OpenSearchPromptSearch.class.getName());

    private final OpenSearchClient client;
    private final String alias;

    public OpenSearchPromptSearch(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    @Override
    public Results search(Visibility caller, SearchParams params) {
        Position from = params.cursor().map(cursor -> SearchCursor.decode(cursor, caller.userId(), params)).orElse(null);
        Double threshold = null;
        if (params.quick().orElse(null) == SearchParams.Quick.HIGH_COST) {
            threshold = from != null ? from.highCostThreshold() : highCostThreshold(caller);
            if (threshold == null) {
                // no run yet: no cost per run to compare with, so nothing is high-cost
                return new Results(List.of(), null, 0, params.facets() ? emptyFacets() : null);
            }
        }
        SearchRequest request = PromptSearchQuery.build(alias, caller, params, from == null ? null : from.after(), threshold);
        SearchResponse<PromptDocument> response = send(request);
        var hits = response.hits().hits();
        boolean more = hits.size() > params.limit();
        var page = more ? hits.subList(0, params.limit()) : hits;
        String nextCursor = more ? SearchCursor.encode(new Position(page.get(page.size() - 1).sort(), threshold), caller.userId(), params) : null;
        List<PromptSummary> items = page.stream().map(hit -> summary(hit, caller)).toList();
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new Results(items, nextCursor, total, params.facets() ? facets(response.aggregations()) : null);
    }

    private Double highCostThreshold(Visibility caller) {
        Aggregate aggregate = send(PromptSearchQuery.highCostThreshold(alias, caller)).aggregations().get(PromptSearchQuery.HIGH_COST_AGGREGATION);
        Map<String, JsonData> values = aggregate.tdigestPercentiles().values().keyed();
        return values.values().stream().findFirst()
                .filter(value -> value.toJson().getValueType() == jakarta.json.JsonValue.ValueType.NUMBER)
                .map(value -> value.to(Double.class))
                .orElse(null);
    }

    private SearchResponse<PromptDocument> send(SearchRequest request) {
        try {
            return client.search(request, PromptDocument.class);
        } catch (IOException | OpenSearchException e) {
            LOG.log(System.Logger.Level.ERROR, "search failed", e);
            throw new ApiException(ProblemType.UNAVAILABLE, "search is unavailable, try again shortly");
        }
    }

    private static PromptSummary summary(Hit<PromptDocument> hit, Visibility caller) {
        Map<String, List<String>> highlights = hit.highlight() == null || hit.highlight().isEmpty() ? null : hit.highlight();
        return hit.source().summary(caller.userId(), highlights);
    }

    private static Map<String, List<FacetCount>> facets(Map<String, Aggregate> aggregations) {
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            Aggregate aggregate = facet.ownOnly
                    ? aggregations.get(facet.key).filter().aggregations().get(Facet.VALUES)
                    : aggregations.get(facet.key);
            facets.put(facet.key, aggregate.sterms().buckets().array().stream()
                    .map(bucket -> new FacetCount(bucket.key(), bucket.docCount()))
                    .toList());
        }
        return facets;
    }

    private static Map<String, List<FacetCount>> emptyFacets() {
        Map<String, List<FacetCount>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.key, List.of());
        }
        return facets;
    }
}
