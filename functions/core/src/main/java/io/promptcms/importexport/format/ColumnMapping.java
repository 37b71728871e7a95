package io.promptcms.importexport.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which source column (or JSON field) feeds which canonical field: the caller's explicit choices first, then
 * the canonical names and common aliases, compared ignoring case, surrounding spaces, inner spaces, underscores
 * and hyphens ("Created At", "created_at" and "createdAt" are the same).
 */
final class ColumnMapping {

    private static final Pattern IGNORED = Pattern.compile("[\\s_\\-]+");

    /** Canonical field → accepted names, normalised, in order of preference. */
    private static final Map<String, List<String>> ALIASES = aliases();

    private ColumnMapping() {
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (String field : PromptRecord.COLUMNS) {
            aliases.put(field, List.of(normalise(field)));
        }
        aliases.put("name", List.of("name", "title", "act"));
        aliases.put("content", List.of("content", "prompt", "text", "body", "template"));
        aliases.put("description", List.of("description", "desc", "notes"));
        aliases.put("tags", List.of("tags", "tag", "labels", "keywords"));
        aliases.put("collections", List.of("collections", "collection", "folder", "category"));
        return Map.copyOf(aliases);
    }

    static String normalise(String name) {
        return IGNORED.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** The names a content column may have, for error messages. */
    static List<String> contentAliases() {
        return ALIASES.get("content");
    }

    /**
     * Canonical field → source column, in canonical order. {@code explicitMustExist}: a column named by the
     * explicit mapping must be among {@code sources} (true for a CSV header; JSON records vary).
     */
    static Map<String, String> resolve(Collection<String> sources, Map<String, String> explicit,
            boolean explicitMustExist) {
        Map<String, String> chosen = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        explicit.forEach((field, column) -> {
            String canonical = canonicalField(field);
            String source = find(sources, column, used);
            if (source == null && explicitMustExist) {
                throw new ImportFileException("the mapping names column '" + column + "' for " + canonical
                        + ", but the file has no such column; its columns are: " + String.join(", ", sources));
            }
            chosen.put(canonical, source == null ? column : source);
            used.add(source == null ? column : source);
        });
        for (String field : PromptRecord.COLUMNS) {
            if (chosen.containsKey(field)) {
                continue;
            }
            for (String alias : ALIASES.get(field)) {
                String source = sources.stream()
                        .filter(s -> !used.contains(s) && normalise(s).equals(alias))
                        .findFirst().orElse(null);
                if (source != null) {
                    chosen.put(field, source);
                    used.add(source);
                    break;
                }
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String field : PromptRecord.COLUMNS) {
            if (chosen.containsKey(field)) {
                ordered.put(field, chosen.get(field));
            }
        }
        return ordered;
    }

    private static String canonicalField(String field) {
        String wanted = normalise(field);
        return PromptRecord.COLUMNS.stream()
                .filter(c -> normalise(c).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ImportFileException("the mapping names an unknown field '" + field
                        + "'; the fields are: " + String.join(", ", PromptRecord.COLUMNS)));
    }

    private static String find(Collection<String> sources, String column, Set<String> used) {
        if (sources.contains(column) && !used.contains(column)) {
            return column;
        }
        String wanted = normalise(column);
        return sources.stream()
                .filter(s -> !used.contains(s) && normalise(s).equals(wanted))
                .findFirst().orElse(null);
    }

    /** Source names that occur more than once, ignoring case and surrounding spaces; blank names are ignored. */
    static List<String> duplicates(List<String> sources) {
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String source : sources) {
            String key = source.strip().toLowerCase(Locale.ROOT);
            if (!key.isEmpty() && !seen.add(key) && reported.add(key)) {
                duplicates.add(source.strip());
            }
        }
        return duplicates;
    }
}
