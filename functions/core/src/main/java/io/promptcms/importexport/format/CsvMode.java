package io.promptcms.importexport.format;

/** How CSV cells are written: neutralised against formula injection (the default) or exactly as they are. */
public enum CsvMode {
    SPREADSHEET_SAFE,
    RAW
}
