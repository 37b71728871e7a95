package io.promptcms.duplicate;

import io.promptcms.duplicate.SimilarCandidates.Candidate;
import io.promptcms.duplicate.SimilarCandidates.Text;
import io.promptcms.prompt.ContentFingerprint;
import io.promptcms.prompt.ContentReader;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.StoredPrompt;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The caller's prompts that duplicate or resemble a text, in two stages:
 * <ol>
 * <li>exact: the owner's prompts with the same {@link ContentFingerprint}, from the byFingerprint index of DynamoDB;
 * always asked, so a near-exact duplicate is reported even when OpenSearch is down;</li>
 * <li>similar: up to {@value #CANDIDATES} candidates from {@link SimilarCandidates} (OpenSearch {@code more_like_this}
 * over the owner's prompts: good recall, but a score that is no similarity), each scored in Java by
 * {@link Shingles} — a calibrated value in [0, 1] — and kept from {@value #SIMILAR} on. When the candidates cannot
 * be had, the answer holds the exact matches and says it is incomplete; it never fails.</li>
 * </ol>
 * Both look-ups are keyed by the owner, so another owner's prompt can never be a match. Both indexes are eventually
 * consistent: a prompt written a second ago may be missed (this is a hint, not a uniqueness constraint).
 */
public final class DuplicateFinder {

    /** From this similarity on, a candidate is reported as similar. */
    public static final double SIMILAR = 0.5;
    static final int CANDIDATES = 20;
    /** Exact matches read at most (a library with more identical copies is shown the first ones). */
    static final int MAX_EXACT = 25;

    private static final System.Logger LOG = System.getLogger(DuplicateFinder.class.getName());

    private final PromptRepository repository;
    private final ContentReader contents;
    private final SimilarCandidates candidates;

    public DuplicateFinder(PromptRepository repository, ContentReader contents, SimilarCandidates candidates) {
        this.repository = repository;
        this.contents = contents;
        this.candidates = candidates;
    }

    /** At most {@code limit} matches of {@code text} among the owner's prompts other than {@code excludeId} (null: none). */
    public SimilarPrompts find(String ownerId, String excludeId, Text text, int limit) {
        Map<String, SimilarPrompt> found = new LinkedHashMap<>();
        for (StoredPrompt item : repository.withFingerprint(ownerId, ContentFingerprint.of(text.content()), MAX_EXACT + 1)) {
            if (!item.id().equals(excludeId)) {
                found.put(item.id(), new SimilarPrompt(item.id(), item.fields().name(), 1, true));
            }
        }
        boolean complete = true;
        try {
            scoreCandidates(ownerId, excludeId, text, found);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "similar prompts limited to exact duplicates: candidates unavailable", e);
            complete = false;
        }
        List<SimilarPrompt> ranked = found.values().stream()
                .sorted(Comparator.comparing(SimilarPrompt::exact).reversed()
                        .thenComparing(Comparator.comparingDouble(SimilarPrompt::similarity).reversed())
                        .thenComparing(SimilarPrompt::id))
                .limit(limit)
                .toList();
        return new SimilarPrompts(ranked, complete);
    }

    private void scoreCandidates(String ownerId, String excludeId, Text text, Map<String, SimilarPrompt> found) {
        String normalised = ContentFingerprint.normalise(text.content());
        long[] shingles = Shingles.of(text.content());
        List<Candidate> candidates = withContent(ownerId, this.candidates.candidates(ownerId, excludeId, text, CANDIDATES));
        for (Candidate candidate : candidates) {
            if (found.containsKey(candidate.id()) || candidate.id().equals(excludeId)) {
                continue;
            }
            // the search index may know a fresh prompt the fingerprint index does not have yet
            boolean exact = ContentFingerprint.normalise(candidate.content()).equals(normalised);
            double similarity = exact ? 1 : round(Shingles.jaccard(shingles, Shingles.of(candidate.content())));
            if (exact || similarity >= SIMILAR) {
                found.put(candidate.id(), new SimilarPrompt(candidate.id(), candidate.name(), similarity, exact));
            }
        }
    }

    /** Candidates whose index document lacks the content get it from DynamoDB (and are dropped if gone or not the owner's). */
    private List<Candidate> withContent(String ownerId, List<Candidate> candidates) {
        List<String> missing = candidates.stream().filter(c -> c.content() == null).map(Candidate::id).toList();
        if (missing.isEmpty()) {
            return candidates;
        }
        Map<String, StoredPrompt> items = repository.getAll(missing);
        return candidates.stream()
                .map(c -> c.content() != null ? c : fromItem(ownerId, items.get(c.id())))
                .filter(Objects::nonNull)
                .toList();
    }

    private Candidate fromItem(String ownerId, StoredPrompt item) {
        return item == null || !ownerId.equals(item.ownerId()) ? null : new Candidate(item.id(), item.fields().name(), contents.read(item));
    }

    /** Three decimals: more would suggest a precision the measure does not have. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
