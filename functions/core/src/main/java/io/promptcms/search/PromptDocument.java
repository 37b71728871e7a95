package io.promptcms.search;

import io.promptcms.prompt.PromptFields;
import io.promptcms.prompt.PromptStatus;
import io.promptcms.prompt.PromptSummary;
import io.promptcms.prompt.StoredPrompt;
import java.util.List;
import java.util.Map;

/**
 * The search index's view of a prompt: the fields of {@code search/prompts-v2.json}, nothing else (the mapping is
 * strict). The content is the full text, whichever way the item stores it; the summary fields are there too, so a
 * search page is built from the hits alone. Usage and cost are 0 before the first run (they sort), and
 * {@code costPerRun} (lifetime cost / runs, the quick filter {@code high-cost}) exists only after it.
 */
public record PromptDocument(
        String id,
        String ownerId,
        String teamId,
        String name,
        String content,
        String contentPreview,
        Integer contentLength,
        String description,
        List<String> tags,
        String model,
        List<String> collectionIds,
        String visibility,
        List<String> variables,
        Map<String, String> metadata,
        Boolean favorite,
        Long version,
        Long revision,
        String createdAt,
        String updatedAt,
        String createdBy,
        String updatedBy,
        Long usageCount,
        Double totalCostUsd,
        Double costPerRun,
        String lastRunAt) {

    /** The fields a search hit returns: all but the content. */
    static final List<String> SUMMARY_FIELDS = List.of("id", "ownerId", "name", "contentPreview", "contentLength", "description",
            "tags", "model", "collectionIds", "visibility", "variables", "metadata", "favorite", "version", "revision",
            "createdAt", "updatedAt", "createdBy", "updatedBy", "usageCount", "totalCostUsd", "lastRunAt");

    public static PromptDocument of(StoredPrompt item, String content) {
        long usageCount = item.runs();
        double totalCostUsd = item.spentUsd();
        PromptFields f = item.fields();
        return new PromptDocument(item.id(), item.ownerId(), item.teamId(), f.name(), content, item.contentPreview(),
                item.contentLength(), f.description(), f.tags(), f.model(), item.collectionIds(), item.visibility(),
                f.variables(), f.metadata(), item.favorite(), item.version(), item.revision(), item.createdAt(),
                item.updatedAt(), item.createdBy(), item.updatedBy(), usageCount, totalCostUsd,
                usageCount > 0 ? totalCostUsd / usageCount : null, item.lastRunAt());
    }

    /**
     * The summary a caller sees. Another owner's public prompt shows what was published, not the owner's own
     * business: no collections, favourite, author ids, usage or spend.
     */
    PromptSummary summary(String callerId, Map<String, List<String>> highlights) {
        var fields = new PromptFields(name, null, description, tags, model, variables, metadata).orEmpty();
        int length = contentLength == null ? 0 : contentLength;
        if (!callerId.equals(ownerId)) {
            var published = new PromptStatus(orZero(version), orZero(revision), false, createdAt, updatedAt, null, null, 0, 0, null);
            return new PromptSummary(id, fields, contentPreview, length, List.of(), visibility, published, highlights);
        }
        var status = new PromptStatus(orZero(version), orZero(revision), Boolean.TRUE.equals(favorite), createdAt, updatedAt,
                createdBy, updatedBy, orZero(usageCount), totalCostUsd == null ? 0 : totalCostUsd, lastRunAt);
        return new PromptSummary(id, fields, contentPreview, length, list(collectionIds), visibility, status, highlights);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
