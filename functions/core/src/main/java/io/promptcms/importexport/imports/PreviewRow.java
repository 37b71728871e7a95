package io.promptcms.importexport.imports;

import java.util.List;
import java.util.Map;

/**
 * A row as the import would store it (a dry run's preview): what it would do ({@code create}, {@code update},
 * {@code skip}, {@code duplicate} or {@code fail}), the existing prompt it matches, and the normalised fields.
 * Collections are by name; {@code newCollections} are the ones the import would create. {@code duplicateOf} (null
 * when none) names the existing prompt or earlier row with the same content after normalisation.
 */
public record PreviewRow(long row, String action, String existingId, String name, String content, String description,
                         List<String> tags, String model, List<String> collections, List<String> newCollections,
                         String visibility, List<String> variables, Map<String, String> metadata, DuplicateOf duplicateOf) {
}
