package io.promptcms.prompt;

/**
 * What the service keeps about a prompt besides its editable fields, as the API shows it: {@code revision} grows on
 * every change and is the ETag, {@code version} numbers the content history; who changed it when; the owner's
 * favourite mark and usage (0 before the first run).
 */
public record PromptStatus(
        long version,
        long revision,
        boolean favorite,
        String createdAt,
        String updatedAt,
        String createdBy,
        String updatedBy,
        long usageCount,
        double totalCostUsd,
        String lastRunAt) {
}
