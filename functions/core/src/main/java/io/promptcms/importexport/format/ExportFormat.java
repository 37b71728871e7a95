package io.promptcms.importexport.format;

/** The file formats an export writes. */
public enum ExportFormat {
    CSV,
    JSON,
    JSONL
}
