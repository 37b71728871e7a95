package io.promptcms.bench;

import io.promptcms.search.PromptSearchQuery;
import io.promptcms.search.SearchParams;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.SearchRequest;

/**
 * The raw path of the search benchmark: the request the handler would send ({@link PromptSearchQuery#build} of the
 * parsed parameters, no high-cost threshold), sent with the opensearch-java client, hits left as the client parses
 * them (no DynamoDB, no mapping of ours). The benchmark's only user of the search API types.
 */
final class RawSearch {

    /** One page: how many hits it holds and the {@code search_after} values of the next page (null at the end). */
    record Page(int hits, List<FieldValue> next) {
    }

    private final OpenSearchClient client;
    private final String alias;

    RawSearch(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    SearchRequest request(String userId, Map<String, List<String>> query, List<FieldValue> after) {
        return PromptSearchQuery.build(alias, new PromptSearchQuery.Visibility(userId, Set.of()), SearchParams.parse(query), after, null);
    }

    Page send(SearchRequest request, int limit) throws IOException {
        var hits = client.search(request, JsonData.class).hits().hits();
        // the request may ask one hit more than a page to know whether another follows
        return new Page(Math.min(limit, hits.size()), hits.size() < limit ? null : hits.get(limit - 1).sort());
    }
}
