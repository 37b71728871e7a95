package io.promptcms.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.promptcms.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The catalog file: the one shipped in the jar ({@value #RESOURCE}) and the operator's override file share this
 * schema. Reading validates it whole (ids and aliases unique, patterns compile, prices sane), so a bad override is
 * refused as one piece instead of half applied.
 */
public record PriceCatalogFile(String catalogVersion, String retrievedOn, List<CatalogSource> sources, List<String> conventions,
        List<ModelInfo> models) {

    public static final String RESOURCE = "/pricing/model-prices.json";

    public PriceCatalogFile {
        sources = sources == null ? List.of() : List.copyOf(sources);
        conventions = conventions == null ? List.of() : List.copyOf(conventions);
        models = models == null ? List.of() : List.copyOf(models);
        requireValid(models);
    }

    /** Names (ids and aliases) unique across models, case-insensitively, and every pattern a valid regular expression. */
    static void requireValid(List<ModelInfo> models) {
        Set<String> names = new HashSet<>();
        for (ModelInfo model : models) {
            for (String name : concat(model.id(), model.aliases())) {
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("the name '" + name + "' is declared twice");
                }
            }
            for (String pattern : model.patterns()) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("model " + model.id() + ": invalid pattern " + pattern + ": " + e.getDescription());
                }
            }
        }
    }

    /** The catalog shipped with this build. */
    public static PriceCatalogFile shipped() {
        try (InputStream in = PriceCatalogFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates a catalog file; IllegalArgumentException with a readable reason when it is not one. */
    public static PriceCatalogFile parse(byte[] json) {
        try {
            PriceCatalogFile file = Json.MAPPER.readValue(json, PriceCatalogFile.class);
            if (file == null) {
                throw new IllegalArgumentException("the file is JSON null");
            }
            return file;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            // a validation failure inside a record constructor arrives wrapped by Jackson: report the validation message
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(reason, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(String id, List<String> aliases) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(id), aliases.stream()).toList();
    }
}
