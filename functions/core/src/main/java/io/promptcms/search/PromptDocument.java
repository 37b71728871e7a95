package io.promptcms.search;

import io.promptcms.prompt.PromptItem;
import java.util.List;

/**
 * The search index's view of a prompt: the fields of {@code search/prompts-v1.json}, nothing else (the mapping is
 * strict). The content is the full text, whichever way the item stores it.
 */
public record PromptDocument(
        String id,
        String ownerId,
        String teamId,
        String name,
        String content,
        String description,
        List<String> tags,
        String model,
        List<String> collectionIds,
        String visibility,
        List<String> variables,
        Boolean favorite,
        Long version,
        Long revision,
        String createdAt,
        String updatedAt,
        Long usageCount,
        Double totalCostUsd) {

    public static PromptDocument of(PromptItem item, String content) {
        return new PromptDocument(
                item.getId(),
                item.getOwnerId(),
                item.getTeamId(),
                item.getName(),
                content,
                item.getDescription(),
                item.getTags(),
                item.getModel(),
                item.getCollectionIds(),
                item.getVisibility(),
                item.getVariables(),
                item.getFavorite(),
                item.getVersion(),
                item.getRevision(),
                item.getCreatedAt(),
                item.getUpdatedAt(),
                item.getUsageCount(),
                item.getTotalCostUsd());
    }
}
