package io.promptcms.importexport.format;

import io.promptcms.prompt.PromptFields;
import java.util.List;

/**
 * One prompt as our export files carry it, and as an import row reads it. Collections are by name. A null
 * component (or field of {@code fields}) means the file did not give the field; an empty list or map means it gave
 * an empty one.
 * Importers use the editable fields; version, team, createdAt, updatedAt, usageCount and totalCostUsd are
 * server-owned and only read back.
 */
public record PromptRecord(
        String id,
        PromptFields fields,
        List<String> collections,
        String visibility,
        String team,
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
