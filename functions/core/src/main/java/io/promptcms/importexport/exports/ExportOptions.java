package io.promptcms.importexport.exports;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.importexport.format.CsvMode;
import io.promptcms.importexport.format.ExportFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the caller asks of an export: the file format, how CSV cells are written, and which prompts. */
public record ExportOptions(String format, String csvMode, ExportSelection selection) {

    public static final String SPREADSHEET_SAFE = "spreadsheet-safe";
    public static final String RAW = "raw";

    public ExportOptions {
        format = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        csvMode = csvMode == null || csvMode.isBlank() ? SPREADSHEET_SAFE : csvMode.strip().toLowerCase(Locale.ROOT);
        selection = ExportSelection.orAll(selection);
    }

    /** Every invalid option at once, as field errors (400). */
    public ExportOptions validated() {
        List<FieldError> errors = new ArrayList<>();
        if (!List.of("csv", "json", "jsonl").contains(format)) {
            errors.add(new FieldError("format", "must be csv, json or jsonl"));
        }
        if (!List.of(SPREADSHEET_SAFE, RAW).contains(csvMode)) {
            errors.add(new FieldError("csvMode", "must be spreadsheet-safe or raw"));
        }
        errors.addAll(selection.errors());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return this;
    }

    public ExportFormat exportFormat() {
        return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
    }

    public CsvMode mode() {
        return RAW.equals(csvMode) ? CsvMode.RAW : CsvMode.SPREADSHEET_SAFE;
    }

    /** The file name extension: csv, json or jsonl. */
    public String extension() {
        return format;
    }

    /** The media type of the file; CSV is UTF-8 with a byte order mark. */
    public String contentType() {
        return switch (exportFormat()) {
            case CSV -> "text/csv; charset=utf-8";
            case JSON -> "application/json";
            case JSONL -> "application/x-ndjson";
        };
    }

    public String toJson() {
        return Json.write(this);
    }

    public static ExportOptions fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ExportOptions.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored export options do not read back", e);
        }
    }
}
