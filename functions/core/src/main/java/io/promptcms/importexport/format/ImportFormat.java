package io.promptcms.importexport.format;

/** The file formats an import reads. Langfuse prompt exports are JSON or JSON Lines, recognised per record. */
public enum ImportFormat {
    CSV,
    JSON,
    JSONL
}
