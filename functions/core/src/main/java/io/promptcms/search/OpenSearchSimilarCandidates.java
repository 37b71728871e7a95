package io.promptcms.search;

import io.promptcms.duplicate.SimilarCandidates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Like;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * Candidates for duplicate detection: a {@code more_like_this} query with the text's name, content and description
 * over the same fields of the owner's prompts (the owner filter is in the query: no other tenant can match).
 * The defaults are for long articles in large corpora: a term must occur twice in the text and in five documents
 * to count, which would ignore most of a short prompt and every term of a small library; here a term counts once
 * seen. {@code minimum_should_match} keeps loosely related prompts out. The content comes from {@code _source}
 * (the index holds it), so scoring the candidates needs no DynamoDB read.
 */
public final class OpenSearchSimilarCandidates implements SimilarCandidates {

    private static final List<String> FIELDS = List.of("name", "content", "description");
    private static final int MAX_QUERY_TERMS = 50;
    private static final String MINIMUM_SHOULD_MATCH = "30%";

    private final OpenSearchClient client;
    private final String alias;

    public OpenSearchSimilarCandidates(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** The document fields a candidate is read from. */
    record Source(String id, String name, String content) {
    }

    @Override
    public List<Candidate> candidates(String ownerId, String excludeId, Text text, int max) {
        List<Like> like = new ArrayList<>();
        for (String part : new String[] {text.name(), text.content(), text.description()}) {
            if (part != null && !part.isBlank()) {
                like.add(Like.of(l -> l.text(part)));
            }
        }
        if (like.isEmpty()) {
            return List.of();
        }
        Query query = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("ownerId").value(FieldValue.of(ownerId))))
                    .must(m -> m.moreLikeThis(mlt -> mlt.fields(FIELDS).like(like)
                            .minTermFreq(1).minDocFreq(1).maxQueryTerms(MAX_QUERY_TERMS).minimumShouldMatch(MINIMUM_SHOULD_MATCH)));
            if (excludeId != null) {
                b.mustNot(n -> n.ids(i -> i.values(excludeId)));
            }
            return b;
        }));
        try {
            return client.search(s -> s.index(alias).query(query).size(max).source(src -> src.filter(f -> f.includes("id", "name", "content"))),
                            Source.class)
                    .hits().hits().stream()
                    .filter(hit -> hit.source() != null)
                    .map(hit -> new Candidate(hit.id(), hit.source().name(), hit.source().content()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("more_like_this search failed", e);
        }
    }
}
