package io.promptcms.importexport.imports;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.importexport.format.ImportFormat;
import io.promptcms.importexport.format.ImportSettings;
import io.promptcms.importexport.format.PromptRecord;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the caller asks of an import, whichever way the file arrives: format/encoding (null = detect), an
 * explicit column mapping, what to do when a prompt exists already, dry run, a destination collection, and whether
 * rows whose content duplicates a prompt of the owner (or an earlier row) are skipped ({@code rejectDuplicates}) or
 * only reported as warnings.
 */
public record ImportOptions(String format, String encoding, Map<String, String> mapping, String onConflict, boolean dryRun,
                            String collectionId, boolean rejectDuplicates) {

    public static final ImportOptions DEFAULTS = new ImportOptions(null, null, Map.of(), "skip", false, null, false);

    /** What to do with a row whose prompt exists (same id of the caller's, or same name). */
    public enum OnConflict { SKIP, UPDATE, DUPLICATE }

    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        onConflict = onConflict == null || onConflict.isBlank() ? "skip" : onConflict.strip().toLowerCase(Locale.ROOT);
        format = format == null || format.isBlank() ? null : format.strip().toLowerCase(Locale.ROOT);
        encoding = encoding == null || encoding.isBlank() ? null : encoding.strip();
        collectionId = collectionId == null || collectionId.isBlank() ? null : collectionId.strip();
    }

    /** Every invalid option at once, as field errors (400). */
    public ImportOptions validated() {
        List<FieldError> errors = new ArrayList<>();
        if (format != null && !List.of("csv", "json", "jsonl").contains(format)) {
            errors.add(new FieldError("format", "must be csv, json or jsonl"));
        }
        if (encoding != null) {
            try {
                Charset.forName(encoding);
            } catch (RuntimeException e) {
                errors.add(new FieldError("encoding", "is not a known character encoding"));
            }
        }
        if (List.of("skip", "update", "duplicate").stream().noneMatch(onConflict::equals)) {
            errors.add(new FieldError("onConflict", "must be skip, update or duplicate"));
        }
        mapping.keySet().stream().filter(field -> !PromptRecord.COLUMNS.contains(field))
                .forEach(field -> errors.add(new FieldError("mapping." + field, "is not a column of ours: " + String.join(", ", PromptRecord.COLUMNS))));
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return this;
    }

    /**
     * The one rule for the destination collection: it must be one of the owner's. The API refuses a request that
     * breaks it (400); a job whose options break it (a file dropped into the folder) fails.
     */
    public Optional<FieldError> destinationError(Predicate<String> ownsCollection) {
        return collectionId == null || ownsCollection.test(collectionId) ? Optional.empty()
                : Optional.of(new FieldError("collectionId", "collection not found"));
    }

    public OnConflict conflict() {
        return OnConflict.valueOf(onConflict.toUpperCase(Locale.ROOT));
    }

    public ImportSettings settings() {
        return new ImportSettings(format == null ? null : ImportFormat.valueOf(format.toUpperCase(Locale.ROOT)),
                encoding == null ? null : Charset.forName(encoding), mapping);
    }

    public String toJson() {
        return Json.write(this);
    }

    public static ImportOptions fromJson(String json) {
        if (json == null) {
            return DEFAULTS;
        }
        try {
            return Json.MAPPER.readValue(json, ImportOptions.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored import options do not read back", e);
        }
    }
}
