package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns one JSON value of an import file (an array element or a JSON Lines line) into a row. */
final class JsonRecords {

    /** How deep a prompt object may nest (metadata, chat messages); deeper is that row's error. */
    static final int MAX_DEPTH = 32;
    /** Past this the parser stops: the depth of a JSON array file element is then not worth recovering from. */
    private static final int PARSER_MAX_DEPTH = 1000;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PARSER_MAX_DEPTH).build())
                    .build())
            .build();
    /** Reads one whole JSON text (a JSON Lines line): anything after the value is an error. */
    static final ObjectReader WHOLE_TEXT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, String> explicitMapping;

    JsonRecords(Map<String, String> explicitMapping) {
        this.explicitMapping = explicitMapping;
    }

    /** The field names of a record, for {@link RowReader#columns()}. */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return List.copyOf(names);
    }

    /**
     * The mapping a file is reported with, from its first record; a first prompt object with no content
     * field makes the file unreadable as prompts.
     */
    Map<String, String> fileMapping(JsonNode first) {
        if (first == null || !first.isObject()) {
            return ColumnMapping.resolve(List.of(), explicitMapping, false);
        }
        Map<String, String> mapping = mapping(first);
        if (!mapping.containsKey("content")) {
            throw new ImportFileException("no content field in the first prompt: its fields are "
                    + String.join(", ", fieldNames(first)) + "; name one of "
                    + String.join(", ", ColumnMapping.contentAliases()) + " or pass a mapping");
        }
        return mapping;
    }

    /** The mapping this record is read with. */
    Map<String, String> mapping(JsonNode node) {
        if (explicitMapping.isEmpty() && LangfusePrompt.matches(node)) {
            return LangfusePrompt.MAPPING;
        }
        return ColumnMapping.resolve(fieldNames(node), explicitMapping, false);
    }

    /** {@code invalidBytes}: the decoder replaced bytes inside this value. */
    SourceRow toRow(long row, JsonNode node, boolean invalidBytes, String charsetName) {
        if (node == null || !node.isObject()) {
            return SourceRow.failed(row, null, "must be a prompt object, not " + describe(node));
        }
        if (depth(node) > MAX_DEPTH) {
            return SourceRow.failed(row, null, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (invalidBytes) {
            return SourceRow.failed(row, null, "holds bytes that are not valid " + charsetName
                    + " text: re-save the file as UTF-8, or name its encoding");
        }
        if (explicitMapping.isEmpty() && LangfusePrompt.matches(node)) {
            return LangfusePrompt.toRow(row, node);
        }
        var values = new RecordValues(row);
        mapping(node).forEach((field, source) -> values.fromNode(field, source, node.get(source)));
        return values.toRow();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
