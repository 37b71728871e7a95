package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptcms.api.importexport.ExportFunction;
import io.promptcms.common.Env;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.pump.S3Events;
import io.promptcms.local.testing.SharedRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ExportService as a user drives them against the local runtime: inline files with their exact bytes, jobs with a
 * download URL, selections, and the round trip export → import into an empty library, field for field.
 */
class ExportTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    /** The fields a user edits; the round trip must reproduce every one of them. */
    private static final List<String> EDITABLE = List.of("name", "content", "description", "tags", "model", "collections",
            "visibility", "variables", "metadata");

    private static RunningRuntime runtime;
    /** The library every round trip exports: awkward text in every field, empty fields and maximal ones. */
    private static User source;

    private record User(String key, String id) {
    }

    @BeforeAll
    static void seedTheLibrary() throws Exception {
        runtime = SharedRuntime.get();
        source = newUser("exporter");
        // collections by name, one with a comma, quotes and unicode in its name
        String travel = post(source, "/collections", "{\"name\":\"Travel, \\\"Europe\\\" 🇪🇺\"}").get("id").asText();
        String work = post(source, "/collections", "{\"name\":\"=Work\"}").get("id").asText();

        create(source, prompt("Grüße 👋 日本語 — «quotes»", "Sag \"Hallo\", {{name}}!\nZeile 2, mit Komma\r\nZeile 3 🎉",
                "Beschreibung mit \"Anführungszeichen\", Kommas,\nund Zeilenumbruch", List.of("ü-tag", "emoji 🎈", "a,b", "say \"hi\""),
                "gpt-4o", List.of(travel, work), "public", null, Map.of("owner", "Zoë", "quote", "\"x\", y\nz")));
        create(source, prompt("=SUM(A1:A2)", "-starts with a dash {{x}}", "+plus description", List.of("-minus", "=eq", "+plus", "@at", "'apos"),
                "@model", List.of(work), "private", List.of("x", "=formula var"), Map.of("=key", "-value", "@k", "+v", "'k", "'v")));
        create(source, prompt("@mention prompt", "@everyone {{who}}", "'quoted description'", List.of(), null, List.of(), "private", null, Map.of()));
        create(source, prompt("+plus name", "'apostrophe content", null, List.of(), null, List.of(), "private", null, Map.of()));
        create(source, prompt("'apostrophe name", "\tTab first, then {{t}}", "=1+1", List.of("tab"), "claude-3", List.of(travel), "public", null, Map.of("k", "")));
        create(source, prompt("- dash name", "\nnewline first", null, List.of(), null, List.of(), "private", List.of(), Map.of()));
        create(source, prompt("Maximal", maximalContent(), "d".repeat(5_000), fiftyLongTags(), "m".repeat(200), List.of(travel, work), "public", null,
                Map.of("big", "v".repeat(1_000))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"csv,spreadsheet-safe", "csv,raw", "json,", "jsonl,"})
    void exportThenImportIntoAnEmptyLibraryReproducesEveryEditableField(String format, String csvMode) throws Exception {
        Response exported = exportInline(source, format, csvMode, "{\"all\":true}");
        User fresh = newUser("fresh-" + format + (csvMode == null ? "" : "-" + csvMode));

        JsonNode job = importFile(fresh, exported, "skip");
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(7, job.get("created").asInt(), job.toString());

        assertEquals(editableFields(source), editableFields(fresh));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"csv,spreadsheet-safe", "csv,raw", "json,", "jsonl,"})
    void reimportingAnExportWithUpdateIntoTheOriginalLibraryChangesNothing(String format, String csvMode) throws Exception {
        Map<String, String> before = versionsAndUpdateTimes(source);
        Response exported = exportInline(source, format, csvMode, null);

        JsonNode job = importFile(source, exported, "update");

        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(0, job.get("updated").asInt(), job.toString());
        assertEquals(0, job.get("created").asInt(), job.toString());
        assertEquals(7, job.get("skipped").asInt(), job.toString());
        assertEquals(before, versionsAndUpdateTimes(source));
    }

    @Test
    void aCsvExportIsAnAttachmentWithItsByteOrderMarkAndEveryColumn() throws Exception {
        Response csv = exportInline(source, "csv", null, null);

        assertEquals("text/csv; charset=utf-8", csv.header("content-type"));
        assertEquals("attachment; filename=\"prompts-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"", csv.header("content-disposition"));
        assertArrayEquals(BOM, Arrays.copyOf(csv.bytes(), 3));
        String text = csv.text().substring(1);
        assertTrue(text.startsWith("\"id\",\"name\",\"content\",\"description\",\"tags\",\"model\",\"collections\",\"visibility\",\"team\","
                + "\"variables\",\"metadata\",\"version\",\"createdAt\",\"updatedAt\",\"usageCount\",\"totalCostUsd\"\r\n"), text.substring(0, 300));
        assertTrue(text.contains("\"'=SUM(A1:A2)\",\"'-starts with a dash {{x}}\""), "formula-looking cells are neutralised");
        assertEquals("7", csv.header("export-count"));
        assertEquals("0", csv.header("export-missing"));

        Response raw = exportInline(source, "csv", "raw", null);
        assertTrue(raw.text().contains("\"=SUM(A1:A2)\",\"-starts with a dash {{x}}\""), "raw cells are exact");
    }

    @Test
    void jsonAndJsonLinesCarryEveryMetadataColumn() throws Exception {
        Response json = exportInline(source, "json", null, null);
        assertEquals("application/json", json.header("content-type"));
        JsonNode first = Json.MAPPER.readTree(json.bytes()).get(0);
        assertEquals("Maximal", first.get("name").asText(), "newest first");
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        // every column; team only where the prompt has one (teams do not exist yet), like any absent value
        assertEquals(List.of("id", "name", "content", "description", "tags", "model", "collections", "visibility", "variables",
                "metadata", "version", "createdAt", "updatedAt", "usageCount", "totalCostUsd"), fields);
        assertEquals(1, first.get("version").asInt());
        assertTrue(first.get("createdAt").asText().endsWith("Z"));

        Response lines = exportInline(source, "jsonl", null, null);
        assertEquals("application/x-ndjson", lines.header("content-type"));
        assertEquals(7, lines.text().split("\n").length);
    }

    @Test
    void idsOfOtherUsersAndUnknownIdsAreCountedAsMissingNotExported() throws Exception {
        User other = newUser("other");
        String theirs = create(other, prompt("Theirs", "secret of theirs", null, List.of(), null, List.of(), "private", null, Map.of())).get("id").asText();
        String mine = firstIdNamed(source, "@mention prompt");

        Response export = exportInline(source, "json", null,
                "{\"ids\":[\"" + theirs + "\",\"prm_00000000000000000\",\"not-an-id\",\"" + mine + "\",\"" + mine + "\"]}");

        JsonNode records = Json.MAPPER.readTree(export.bytes());
        assertEquals(1, records.size());
        assertEquals(mine, records.get(0).get("id").asText());
        assertEquals("3", export.header("export-missing"));
        assertFalse(export.text().contains("secret of theirs"));
    }

    @Test
    void aFilterExportsOnlyTheMatchingPrompts() throws Exception {
        Response tagged = exportInline(source, "json", null, "{\"filter\":{\"tag\":\"tab\"}}");
        JsonNode records = Json.MAPPER.readTree(tagged.bytes());
        assertEquals(1, records.size());
        assertEquals("'apostrophe name", records.get(0).get("name").asText());

        Response none = exportInline(source, "json", null, "{\"filter\":{\"favorite\":true}}");
        assertEquals(0, Json.MAPPER.readTree(none.bytes()).size());
    }

    @Test
    void aLargeExportRunsAsAJobAndIsDownloadedFromAPresignedUrl() throws Exception {
        User big = newUser("big");
        StringBuilder csv = new StringBuilder("name,content,tags\n");
        for (int i = 1; i <= 1_001; i++) {
            csv.append("Prompt ").append(i).append(",\"Hello {{name}}, number ").append(i).append("\",bulk\n");
        }
        Response imported = call(big, "POST", "/prompts/bulk-import?fileName=big.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(1_001, imported.json().at("/job/created").asInt(), imported.text());

        Response accepted = call(big, "POST", "/prompts/bulk-export", "application/json", "{\"format\":\"csv\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.status(), accepted.text());
        String location = accepted.header("location");
        assertEquals("/api/v1/exports/" + accepted.json().get("jobId").asText(), location);

        JsonNode job = finishedExport(big, location);
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(1_001, job.get("exported").asInt());
        assertEquals(1_001, job.get("total").asInt());
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(job.get("downloadUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(BOM, Arrays.copyOf(download.body(), 3));
        assertEquals(job.get("sizeBytes").asLong(), download.body().length);
        assertEquals(1_002, new String(download.body(), StandardCharsets.UTF_8).split("\r\n").length, "header and 1,001 rows");

        User stranger = newUser("peeker");
        assertEquals(404, call(stranger, "GET", location.substring("/api/v1".length()), null, null).status());
    }

    @Test
    void anAsyncExportOfIdsReportsWhatWasMissing() throws Exception {
        String mine = firstIdNamed(source, "Maximal");
        Response accepted = call(source, "POST", "/prompts/bulk-export", "application/json",
                ("{\"format\":\"jsonl\",\"async\":true,\"selection\":{\"ids\":[\"" + mine + "\",\"prm_00000000000000000\"]}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.status(), accepted.text());

        JsonNode job = finishedExport(source, accepted.header("location"));
        assertEquals(1, job.get("exported").asInt(), job.toString());
        assertEquals(1, job.get("missing").asInt(), job.toString());
        assertTrue(job.get("fileName").asText().endsWith(".jsonl"));
    }

    @Test
    void aRequestMarkerDeliveredAgainOrUnderAnotherUsersPrefixChangesNothing() throws Exception {
        Response accepted = call(source, "POST", "/prompts/bulk-export", "application/json", "{\"async\":true}".getBytes(StandardCharsets.UTF_8));
        JsonNode done = finishedExport(source, accepted.header("location"));
        String jobId = done.get("jobId").asText();
        var function = new ExportFunction(Env.of(new HashMap<>(runtime.environment("ExportFunction"))));

        for (String owner : List.of(source.id(), newUser("intruder").id())) {
            String key = "export-requests/" + owner + "/" + jobId + ".json";
            function.handleRequest(S3Events.objectCreated("ExportRequests", runtime.bucket(), key, 1, "etag", Instant.now(), 1), null);
        }

        JsonNode after = call(source, "GET", accepted.header("location").substring("/api/v1".length()), null, null).json();
        assertEquals("succeeded", after.get("state").asText());
        assertEquals(done.get("updatedAt"), after.get("updatedAt"), "the finished job was not run again");
        assertEquals(done.get("sizeBytes"), after.get("sizeBytes"));
    }

    @Test
    void invalidOptionsAreFieldErrors() throws Exception {
        Response response = call(source, "POST", "/prompts/bulk-export", "application/json",
                "{\"format\":\"xlsx\",\"csvMode\":\"pretty\",\"selection\":{\"ids\":[],\"all\":true}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.status(), response.text());
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of("format", "csvMode", "selection", "selection.ids"), fields);
    }

    // ------------------------------------------------------------------ the library

    /** Exactly 512 KB of UTF-8 (the limit), with multi-byte characters, quotes, commas and newlines throughout. */
    private static String maximalContent() {
        String unit = "Ünïcödé {{var}} text, \"quoted\"\n";
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String content = unit.repeat(512 * 1024 / unitBytes);
        return content + "x".repeat(512 * 1024 - content.getBytes(StandardCharsets.UTF_8).length);
    }

    private static List<String> fiftyLongTags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(String.format("%02d", i) + "-" + "t".repeat(61));
        }
        return tags;
    }

    private static String prompt(String name, String content, String description, List<String> tags, String model, List<String> collectionIds,
                                 String visibility, List<String> variables, Map<String, String> metadata) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name).put("content", content).put("description", description).put("model", model).put("visibility", visibility);
        body.set("tags", Json.MAPPER.valueToTree(tags));
        body.set("collectionIds", Json.MAPPER.valueToTree(collectionIds));
        if (variables != null) {
            body.set("variables", Json.MAPPER.valueToTree(variables));
        }
        body.set("metadata", Json.MAPPER.valueToTree(metadata));
        return body.toString();
    }

    /** Every prompt's editable fields, collections by name, keyed by name. */
    private static Map<String, Map<String, Object>> editableFields(User user) throws Exception {
        Map<String, String> collectionNames = new TreeMap<>();
        for (JsonNode collection : call(user, "GET", "/collections?limit=100", null, null).json().get("items")) {
            collectionNames.put(collection.get("id").asText(), collection.get("name").asText());
        }
        Map<String, Map<String, Object>> prompts = new TreeMap<>();
        for (String id : promptIds(user)) {
            JsonNode prompt = call(user, "GET", "/prompts/" + id, null, null).json();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String field : EDITABLE) {
                fields.put(field, field.equals("collections")
                        ? Json.MAPPER.convertValue(prompt.get("collectionIds"), List.class).stream().map(collectionNames::get).toList()
                        : Json.MAPPER.convertValue(prompt.get(field), Object.class));
            }
            prompts.put(prompt.get("name").asText(), fields);
        }
        return prompts;
    }

    private static Map<String, String> versionsAndUpdateTimes(User user) throws Exception {
        Map<String, String> state = new TreeMap<>();
        for (String id : promptIds(user)) {
            JsonNode prompt = call(user, "GET", "/prompts/" + id, null, null).json();
            state.put(id, prompt.get("version").asText() + "@" + prompt.get("updatedAt").asText() + "#" + prompt.get("revision").asText());
        }
        return state;
    }

    private static List<String> promptIds(User user) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call(user, "GET", "/prompts?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), null, null).json();
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    private static String firstIdNamed(User user, String name) throws Exception {
        for (String id : promptIds(user)) {
            if (call(user, "GET", "/prompts/" + id, null, null).json().get("name").asText().equals(name)) {
                return id;
            }
        }
        throw new AssertionError("no prompt named " + name);
    }

    // ------------------------------------------------------------------ export and import as a client

    private static Response exportInline(User user, String format, String csvMode, String selection) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("format", format);
        if (csvMode != null) {
            body.put("csvMode", csvMode);
        }
        if (selection != null) {
            body.set("selection", Json.MAPPER.readTree(selection));
        }
        Response response = call(user, "POST", "/prompts/bulk-export", "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status(), response.text());
        return response;
    }

    /** Imports an export's bytes as they are; a file over the inline limit becomes a job, which this waits for. */
    private static JsonNode importFile(User user, Response exported, String onConflict) throws Exception {
        String contentType = exported.header("content-type");
        String fileName = exported.header("content-disposition").replaceAll(".*filename=\"([^\"]+)\".*", "$1");
        // format in the query: a JSON body without it would be read as the JSON form of the import request
        String format = fileName.substring(fileName.lastIndexOf('.') + 1);
        Response response = call(user, "POST", "/prompts/bulk-import?onConflict=" + onConflict + "&fileName=" + fileName + "&format=" + format,
                contentType, exported.bytes());
        if (response.status() == 200) {
            return response.json().get("job");
        }
        assertEquals(202, response.status(), response.text());
        String path = response.header("location").substring("/api/v1".length());
        for (int attempt = 0; attempt < 240; attempt++) {
            JsonNode job = call(user, "GET", path, null, null).json();
            if (job.get("state").asText().matches("succeeded|failed|partially_succeeded")) {
                return job;
            }
            runtime.awaitIdle(Duration.ofSeconds(5));
            Thread.sleep(250);
        }
        throw new AssertionError("the import did not finish");
    }

    private static JsonNode finishedExport(User user, String location) throws Exception {
        String path = location.substring("/api/v1".length());
        for (int attempt = 0; attempt < 240; attempt++) {
            JsonNode job = call(user, "GET", path, null, null).json();
            if (job.get("state").asText().matches("succeeded|failed")) {
                return job;
            }
            runtime.awaitIdle(Duration.ofSeconds(5));
            Thread.sleep(250);
        }
        throw new AssertionError("the export did not finish");
    }

    private static User newUser(String name) throws Exception {
        String key = runtime.createUserWithKey(name);
        User user = new User(key, null);
        return new User(key, call(user, "GET", "/me", null, null).json().get("userId").asText());
    }

    private static JsonNode create(User user, String body) throws Exception {
        Response response = call(user, "POST", "/prompts", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, response.status(), response.text());
        return response.json();
    }

    private static JsonNode post(User user, String path, String body) throws Exception {
        Response response = call(user, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, response.status(), response.text());
        return response.json();
    }

    private record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() throws java.io.IOException {
            return Json.MAPPER.readTree(bytes);
        }
    }

    private static Response call(User user, String method, String path, String contentType, byte[] body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + user.key())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("content-type", contentType);
        }
        HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertNotNull(response.body());
        return new Response(response.statusCode(), response.headers(), response.body());
    }
}
