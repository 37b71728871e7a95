package io.promptcms.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.search.PromptSearchQuery.Visibility;
import java.util.List;
import java.util.Map;

/**
 * Search over the prompts a caller may see (see {@link PromptSearchQuery#visibleTo}). Results come from the index
 * alone: it follows DynamoDB within seconds, and a read of every hit from the table would double a page's latency.
 */
@FunctionalInterface
public interface PromptSearch {

    Results search(Visibility caller, SearchParams params);

    /** A facet value and how many results have it. */
    record FacetCount(String value, long count) {
    }

    /**
     * One page: {@code total} counts every result, {@code facets} (facet name → counts, most frequent first) only
     * when asked for; {@code nextCursor} is null on the last page.
     */
    record Results(List<PromptSummary> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor, long total,
                   Map<String, List<FacetCount>> facets) {

        public Results {
            items = List.copyOf(items);
        }
    }
}
