package io.promptcms.duplicate;

import io.promptcms.prompt.PromptFields;
import java.util.List;

/**
 * Prompts of one owner that may resemble a text, by a cheap, recall-oriented search (OpenSearch
 * {@code more_like_this}); {@link DuplicateFinder} scores them. Throws when the search cannot be asked.
 */
@FunctionalInterface
public interface SimilarCandidates {

    /** At most {@code max} of the owner's prompts other than {@code excludeId} (null: none excluded), with their content. */
    List<Candidate> candidates(String ownerId, String excludeId, Text text, int max);

    /** What a prompt is compared by. */
    record Text(String name, String content, String description) {
        public static Text of(PromptFields fields) {
            return new Text(fields.name(), fields.content(), fields.description());
        }
    }

    record Candidate(String id, String name, String content) {
    }
}
