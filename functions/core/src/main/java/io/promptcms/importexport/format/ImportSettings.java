package io.promptcms.importexport.format;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * What the caller says about a file: its format and encoding (null = detect) and an explicit column mapping
 * (canonical field of {@link PromptRecord#COLUMNS} → source column or JSON field; empty = automatic). Fields
 * the mapping leaves out are still mapped automatically.
 */
public record ImportSettings(ImportFormat format, Charset encoding, Map<String, String> mapping) {

    public ImportSettings {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
    }

    /** Detect everything. */
    public static ImportSettings detect() {
        return new ImportSettings(null, null, Map.of());
    }
}
