package io.promptcms.importexport.format;

/** A problem with one row: its 1-based data row number, the source column or field if one is to blame, and what is wrong. */
public record RowError(long row, String column, String message) {
}
