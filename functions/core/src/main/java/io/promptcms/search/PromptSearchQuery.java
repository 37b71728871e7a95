package io.promptcms.search;

import io.promptcms.search.SearchParams.Quick;
import io.promptcms.search.SearchParams.SortField;
import io.promptcms.search.SearchParams.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;

/**
 * The OpenSearch requests of a prompt search, built without I/O: the handler sends exactly these, and so does
 * the benchmark. Everything the caller may see is one filter ({@link #visibleTo}) that every other clause is
 * ANDed with, so no parameter can widen it. The search text only reaches {@code multi_match} queries, which
 * analyse it as plain text: {@code * ? : \ ( ) AND OR ownerId:x} have no meaning (never {@code query_string}).
 */
public final class PromptSearchQuery {

    /** Who searches: their own prompts, team prompts of their teams, and (with scope=all) public prompts. */
    public record Visibility(String userId, Set<String> teamIds) {
        public Visibility {
            teamIds = Set.copyOf(teamIds);
        }

        public static Visibility of(String userId) {
            return new Visibility(userId, Set.of());
        }
    }

    /** Name counts most, then content, description and tags; content and description also match other word forms. */
    private static final List<String> TERM_FIELDS = List.of(
            "name^3", "content", "content.english", "description", "description.english", "tags");
    private static final List<String> PHRASE_FIELDS = List.of("name^3", "content", "description");
    /**
     * No edit below 4 characters, one up to 6, two from 7. Default AUTO (3,6) allows an edit in 3-letter terms,
     * and prompts are full of short tokens (api, gpt, sql, csv, tone) whose one-edit neighbours are unrelated words.
     */
    private static final String FUZZINESS = "AUTO:4,7";
    private static final List<String> HIGHLIGHTED_FIELDS = List.of("name", "content", "description");
    private static final int FRAGMENT_SIZE = 150;

    /**
     * Facet name → index field and how many values it lists (the most frequent first, ties by value). Collections
     * are private to their owner: that facet counts only the caller's own prompts, never another owner's public ones.
     */
    public enum Facet {
        TAGS("tags", "tags", 50, false), MODELS("models", "model", 20, false), COLLECTIONS("collections", "collectionIds", 50, true),
        VISIBILITY("visibility", "visibility", 3, false);

        /** The terms aggregation inside the owner filter of an {@link #ownOnly} facet. */
        public static final String VALUES = "values";

        public final String key;
        final String field;
        final int size;
        public final boolean ownOnly;

        Facet(String key, String field, int size, boolean ownOnly) {
            this.key = key;
            this.field = field;
            this.size = size;
            this.ownOnly = ownOnly;
        }
    }

    /** quick=recent: updated within this window (OpenSearch date math, evaluated when the search runs). */
    static final String RECENT = "now-7d";
    /** quick=high-cost: the percentile of the caller's cost per run from which a prompt counts as high-cost. */
    static final double HIGH_COST_PERCENTILE = 90.0;
    static final String HIGH_COST_AGGREGATION = "costPerRun";

    private PromptSearchQuery() {
    }

    /**
     * The search for one page: {@code limit + 1} hits (the extra one tells whether a next page exists), sorted with
     * {@code id} as the last key so equal values page stably, after {@code searchAfter} (null: first page).
     * {@code highCostThreshold} is required with quick=high-cost; null there matches nothing.
     */
    public static SearchRequest build(String alias, Visibility caller, SearchParams params, List<FieldValue> searchAfter,
                                      Double highCostThreshold) {
        return SearchRequest.of(s -> {
            s.index(alias)
                    .query(query(caller, params, highCostThreshold))
                    .size(params.limit() + 1)
                    .source(src -> src.filter(f -> f.includes(PromptDocument.SUMMARY_FIELDS)))
                    .trackTotalHits(t -> t.enabled(true));
            SortField field = params.sort().field();
            if (field == SortField.RELEVANCE) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            } else {
                s.sort(o -> o.field(f -> f.field(field.indexField).order(params.sort().ascending() ? SortOrder.Asc : SortOrder.Desc)));
            }
            s.sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
            if (params.text().isPresent()) {
                s.highlight(h -> {
                    h.encoder(HighlighterEncoder.Html).fragmentSize(FRAGMENT_SIZE).numberOfFragments(3);
                    HIGHLIGHTED_FIELDS.forEach(name -> h.fields(name, f -> f));
                    return h;
                });
            }
            if (params.facets()) {
                for (Facet facet : Facet.values()) {
                    s.aggregations(facet.key, facet.ownOnly
                            ? a -> a.filter(f -> f.term(t -> t.field("ownerId").value(FieldValue.of(caller.userId()))))
                                    .aggregations(Facet.VALUES, v -> v.terms(t -> t.field(facet.field).size(facet.size)))
                            : a -> a.terms(t -> t.field(facet.field).size(facet.size)));
                }
            }
            if (searchAfter != null) {
                s.searchAfter(searchAfter);
            }
            return s;
        });
    }

    /**
     * The small request before a quick=high-cost search: the {@value #HIGH_COST_PERCENTILE}th percentile of cost
     * per run over the caller's own prompts that have run (no runs: no value, and the search is empty).
     */
    public static SearchRequest highCostThreshold(String alias, Visibility caller) {
        return SearchRequest.of(s -> s.index(alias)
                .size(0)
                .query(q -> q.bool(b -> b.filter(owner(caller)).filter(f -> f.exists(e -> e.field("costPerRun")))))
                .aggregations(HIGH_COST_AGGREGATION, a -> a.percentiles(p -> p.field("costPerRun").percents(HIGH_COST_PERCENTILE))));
    }

    private static Query query(Visibility caller, SearchParams params, Double highCostThreshold) {
        List<Query> filters = new ArrayList<>();
        filters.add(visibleTo(caller, params.scope()));
        if (!params.tags().isEmpty()) {
            List<FieldValue> tags = params.tags().stream().map(FieldValue::of).toList();
            if (params.tagMode() == SearchParams.TagMode.ALL) {
                tags.forEach(tag -> filters.add(term("tags", tag)));
            } else {
                filters.add(Query.of(q -> q.terms(t -> t.field("tags").terms(v -> v.value(tags)))));
            }
        }
        params.model().ifPresent(model -> filters.add(term("model", FieldValue.of(model))));
        params.collection().ifPresent(collection -> filters.add(term("collectionIds", FieldValue.of(collection))));
        params.visibility().ifPresent(visibility -> filters.add(term("visibility", FieldValue.of(visibility))));
        range("createdAt", params.created()).ifPresent(filters::add);
        range("updatedAt", params.updated()).ifPresent(filters::add);
        if (params.favoritesOnly()) {
            // the flag is the owner's: someone else's favourite is not the caller's
            filters.add(owner(caller));
            filters.add(term("favorite", FieldValue.TRUE));
        }
        if (params.untaggedOnly()) {
            filters.add(Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("tags"))))));
        }
        if (params.minCost().isPresent() || params.maxCost().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> {
                r.field("totalCostUsd");
                params.minCost().ifPresent(min -> r.gte(JsonData.of(min.doubleValue())));
                params.maxCost().ifPresent(max -> r.lte(JsonData.of(max.doubleValue())));
                return r;
            })));
        }
        params.minUsage().ifPresent(min -> filters.add(Query.of(q -> q.range(r -> r.field("usageCount").gte(JsonData.of(min))))));
        params.quick().ifPresent(quick -> {
            if (quick == Quick.RECENT) {
                filters.add(Query.of(q -> q.range(r -> r.field("updatedAt").gte(JsonData.of(RECENT)))));
            } else if (quick == Quick.HIGH_COST) {
                filters.add(highCostThreshold == null ? Query.of(q -> q.matchNone(m -> m))
                        : Query.of(q -> q.range(r -> r.field("costPerRun").gte(JsonData.of(highCostThreshold)))));
            }
        });
        List<Query> must = params.text().map(PromptSearchQuery::matching).orElse(List.of());
        return Query.of(q -> q.bool(b -> b.filter(filters).must(must)));
    }

    /**
     * The caller's own prompts, prompts shared with one of their teams, and with scope=all anyone's public prompts.
     * Kept in one filter clause so that every other filter narrows it.
     */
    static Query visibleTo(Visibility caller, SearchParams.Scope scope) {
        List<Query> visible = new ArrayList<>();
        visible.add(owner(caller));
        if (!caller.teamIds().isEmpty()) {
            List<FieldValue> teams = caller.teamIds().stream().sorted().map(FieldValue::of).toList();
            visible.add(Query.of(q -> q.bool(b -> b
                    .filter(f -> f.terms(t -> t.field("teamId").terms(v -> v.value(teams))))
                    .filter(term("visibility", FieldValue.of("team"))))));
        }
        if (scope == SearchParams.Scope.ALL) {
            visible.add(term("visibility", FieldValue.of("public")));
        }
        return Query.of(q -> q.bool(b -> b.should(visible).minimumShouldMatch("1")));
    }

    /** Free terms loosely (any field, typo-tolerant), each quoted phrase exactly. */
    private static List<Query> matching(String text) {
        QueryText parsed = QueryText.parse(text);
        List<Query> must = new ArrayList<>();
        if (!parsed.terms().isEmpty()) {
            must.add(Query.of(q -> q.multiMatch(m -> m.query(parsed.terms()).fields(TERM_FIELDS)
                    .type(TextQueryType.BestFields).tieBreaker(0.3f).fuzziness(FUZZINESS))));
        }
        for (String phrase : parsed.phrases()) {
            must.add(Query.of(q -> q.multiMatch(m -> m.query(phrase).fields(PHRASE_FIELDS).type(TextQueryType.Phrase))));
        }
        if (must.isEmpty()) {
            // a text of quotes only: nothing to match, rather than everything
            must.add(Query.of(q -> q.matchNone(m -> m)));
        }
        return must;
    }

    private static Query owner(Visibility caller) {
        return term("ownerId", FieldValue.of(caller.userId()));
    }

    private static Query term(String field, FieldValue value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Optional<Query> range(String field, TimeRange range) {
        if (range.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Query.of(q -> q.range(r -> {
            r.field(field);
            if (range.from() != null) {
                r.gte(JsonData.of(range.from().toEpochMilli()));
            }
            if (range.to() != null) {
                r.lte(JsonData.of(range.to().toEpochMilli()));
            }
            return r.format("epoch_millis");
        })));
    }
}
