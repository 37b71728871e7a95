package io.promptcms.importexport.format;

import java.util.List;
import java.util.Map;

/**
 * One prompt as our export files carry it, and as an import row reads it. Collections are by name. A null
 * component means the file did not give the field; an empty list or map means it gave an empty one.
 * Importers use the editable fields; version, team, createdAt, updatedAt, usageCount and totalCostUsd are
 * server-owned and only read back.
 */
public record PromptRecord(
        String id,
        String name,
        String content,
        String description,
        List<String> tags,
        String model,
        List<String> collections,
        String visibility,
        String team,
        List<String> variables,
        Map<String, String> metadata,
        Long version,
        String createdAt,
        String updatedAt,
        Long usageCount,
        Double totalCostUsd) {

    /** The columns of our CSV export and the field names of our JSON export, in this order. */
    public static final List<String> COLUMNS = List.of(
            "id", "name", "content", "description", "tags", "model", "collections", "visibility", "team",
            "variables", "metadata", "version", "createdAt", "updatedAt", "usageCount", "totalCostUsd");
}
