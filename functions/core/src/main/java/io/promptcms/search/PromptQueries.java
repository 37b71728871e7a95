package io.promptcms.search;

import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;

/**
 * The OpenSearch query for a user's search text. The text only ever reaches {@code multi_match} queries, which
 * analyse it as plain text: characters like {@code * ? : \ ( ) AND} have no meaning (never {@code query_string}).
 * Quoted parts must match as phrases; the rest matches any of name (boosted), content, description and tags,
 * typo-tolerant. The owner filter is always there: the tenant boundary is in the query, not in its caller.
 */
final class PromptQueries {

    private static final List<String> TERM_FIELDS = List.of(
            "name^3", "content", "content.english", "description", "description.english", "tags");
    private static final List<String> PHRASE_FIELDS = List.of("name^3", "content", "description");
    /**
     * No edit below 4 characters, one up to 6, two from 7. Default AUTO (3,6) allows an edit in 3-letter terms,
     * and prompts are full of short tokens (api, gpt, sql, csv, tone) whose one-edit neighbours are unrelated words.
     */
    private static final String FUZZINESS = "AUTO:4,7";

    private PromptQueries() {
    }

    static Query ownedMatching(String ownerId, String text) {
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
            must.add(Query.of(q -> q.matchAll(a -> a)));
        }
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("ownerId").value(FieldValue.of(ownerId))))
                .must(must)));
    }
}
