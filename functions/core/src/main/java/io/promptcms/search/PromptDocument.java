package io.promptcms.search;

import io.promptcms.prompt.PromptItem;
import io.promptcms.prompt.PromptSummary;
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

    public static PromptDocument of(PromptItem item, String content) {
        long usageCount = item.getUsageCount() == null ? 0 : item.getUsageCount();
        double totalCostUsd = item.getTotalCostUsd() == null ? 0 : item.getTotalCostUsd();
        return new PromptDocument(
                item.getId(),
                item.getOwnerId(),
                item.getTeamId(),
                item.getName(),
                content,
                item.getContentPreview(),
                item.getContentLength(),
                item.getDescription(),
                item.getTags(),
                item.getModel(),
                item.getCollectionIds(),
                item.getVisibility(),
                item.getVariables(),
                item.getMetadata(),
                item.getFavorite(),
                item.getVersion(),
                item.getRevision(),
                item.getCreatedAt(),
                item.getUpdatedAt(),
                item.getCreatedBy(),
                item.getUpdatedBy(),
                usageCount,
                totalCostUsd,
                usageCount > 0 ? totalCostUsd / usageCount : null,
                item.getLastRunAt());
    }

    /**
     * The list view of this prompt for {@code callerId}. The favourite flag is the owner's: on someone else's
     * (public) prompt it is false.
     */
    /**
     * The summary a caller sees. Another owner's public prompt shows what was published, not the owner's own
     * business: no collections, favourite, author ids, usage or spend.
     */
    PromptSummary summary(String callerId, Map<String, List<String>> highlights) {
        if (!callerId.equals(ownerId)) {
            return new PromptSummary(id, name, contentPreview, contentLength == null ? 0 : contentLength, description, list(tags), model,
                    List.of(), visibility, list(variables), metadata == null ? Map.of() : metadata, orZero(version), orZero(revision),
                    false, createdAt, updatedAt, null, null, 0, 0, null, highlights);
        }
        return new PromptSummary(id, name, contentPreview, contentLength == null ? 0 : contentLength, description, list(tags), model,
                list(collectionIds), visibility, list(variables), metadata == null ? Map.of() : metadata, orZero(version), orZero(revision),
                Boolean.TRUE.equals(favorite), createdAt, updatedAt, createdBy, updatedBy,
                orZero(usageCount), totalCostUsd == null ? 0 : totalCostUsd, lastRunAt, highlights);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
