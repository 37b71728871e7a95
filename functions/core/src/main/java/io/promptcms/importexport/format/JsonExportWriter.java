package io.promptcms.importexport.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.promptcms.common.Json;
import io.promptcms.prompt.PromptFields;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** A JSON array of prompt objects, streamed, or JSON Lines (one object per LF-terminated line). */
final class JsonExportWriter implements ExportWriter {

    private final JsonGenerator generator;
    private final boolean lines;

    private JsonExportWriter(OutputStream out, boolean lines) throws IOException {
        this.generator = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        this.lines = lines;
        if (lines) {
            generator.setRootValueSeparator(null);
        } else {
            generator.writeStartArray();
        }
    }

    static JsonExportWriter array(OutputStream out) throws IOException {
        return new JsonExportWriter(out, false);
    }

    static JsonExportWriter lines(OutputStream out) throws IOException {
        return new JsonExportWriter(out, true);
    }

    @Override
    public void write(PromptRecord r) throws IOException {
        PromptFields f = r.fields();
        generator.writeStartObject();
        text("id", r.id());
        text("name", f.name());
        text("content", f.content());
        text("description", f.description());
        list("tags", f.tags());
        text("model", f.model());
        list("collections", r.collections());
        text("visibility", r.visibility());
        text("team", r.team());
        list("variables", f.variables());
        if (f.metadata() != null) {
            generator.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : f.metadata().entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
        }
        if (r.version() != null) {
            generator.writeNumberField("version", r.version());
        }
        text("createdAt", r.createdAt());
        text("updatedAt", r.updatedAt());
        if (r.usageCount() != null) {
            generator.writeNumberField("usageCount", r.usageCount());
        }
        if (r.totalCostUsd() != null) {
            generator.writeNumberField("totalCostUsd", r.totalCostUsd());
        }
        generator.writeEndObject();
        if (lines) {
            generator.writeRaw('\n');
        }
    }

    private void text(String field, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(field, value);
        }
    }

    private void list(String field, List<String> values) throws IOException {
        if (values != null) {
            generator.writeArrayFieldStart(field);
            for (String value : values) {
                generator.writeString(value);
            }
            generator.writeEndArray();
        }
    }

    @Override
    public void close() throws IOException {
        if (!lines) {
            generator.writeEndArray();
        }
        generator.close();
    }
}
