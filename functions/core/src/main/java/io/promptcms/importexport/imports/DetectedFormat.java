package io.promptcms.importexport.imports;

import java.util.Map;

/** What reading the file found: its format, encoding, CSV delimiter (null otherwise) and our field → their column. */
public record DetectedFormat(String format, String encoding, String delimiter, Map<String, String> mapping) {
}
