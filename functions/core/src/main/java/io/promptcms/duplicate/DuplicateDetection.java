package io.promptcms.duplicate;

import io.promptcms.common.ApiException;
import io.promptcms.common.ProblemType;
import io.promptcms.duplicate.SimilarCandidates.Text;
import io.promptcms.prompt.Prompt;
import io.promptcms.prompt.PromptDraft;
import io.promptcms.prompt.PromptInput;
import io.promptcms.prompt.PromptService;
import java.util.List;
import java.util.Map;

/**
 * Duplicate detection on the prompt routes: a create that reports (or, asked to, refuses) the caller's prompts it
 * duplicates, and the similar prompts of an existing one. The check runs before the write, on the validated draft,
 * so a refused create writes nothing. Two identical creates racing each other can both pass: this is advice to
 * the user, not a uniqueness constraint.
 */
public final class DuplicateDetection {

    /** Matches a create answers with. */
    public static final int CREATE_MATCHES = 5;

    private final PromptService prompts;
    private final DuplicateFinder finder;

    public DuplicateDetection(PromptService prompts, DuplicateFinder finder) {
        this.prompts = prompts;
        this.finder = finder;
    }

    /** A created prompt and the caller's prompts it resembles. */
    public record Created(Prompt prompt, SimilarPrompts similar) {
    }

    /**
     * Creates the prompt; with {@code rejectDuplicates}, a near-duplicate (same normalised content, or similarity
     * from {@value SimilarPrompt#NEAR_DUPLICATE}) refuses it with 409 carrying the matches ({@code matches}).
     */
    public Created create(String userId, PromptInput input, boolean rejectDuplicates) {
        PromptDraft draft = prompts.validate(userId, input);
        SimilarPrompts similar = finder.find(userId, null, Text.of(draft.fields()), CREATE_MATCHES);
        List<SimilarPrompt> duplicates = similar.nearDuplicates();
        if (rejectDuplicates && !duplicates.isEmpty()) {
            throw new ApiException(ProblemType.CONFLICT, duplicates.size() == 1
                    ? "a prompt with (nearly) the same content exists: " + duplicates.get(0).id()
                    : duplicates.size() + " prompts with (nearly) the same content exist",
                    List.of(), Map.of("matches", duplicates, "matchesComplete", similar.complete()));
        }
        return new Created(prompts.create(userId, draft), similar);
    }

    /** The caller's prompts like their prompt {@code id} (404 when it is not theirs). */
    public SimilarPrompts similarTo(String userId, String id, int limit) {
        Prompt prompt = prompts.getOwn(userId, id);
        return finder.find(userId, prompt.id(), Text.of(prompt.fields()), limit);
    }
}
