package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.Json;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.testing.SharedRuntime;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad and awkward files through {@code POST /prompts/bulk-import} end to end (local runtime): each ends as a job with
 * a clear state, counts, and errors that name the row and column. Also: a body over 1 MB becomes a background job,
 * and the import POSTs honour {@code Idempotency-Key}.
 */
class ImportBadInputTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningRuntime runtime;
    private static String key;

    @BeforeAll
    static void start() {
        runtime = SharedRuntime.get();
        key = runtime.createUserWithKey("bad-input");
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> response) {
        JsonNode job() {
            return body.get("job");
        }

        String errors() {
            return body.get("errors").toString();
        }
    }

    private static Answer post(String path, String contentType, byte[] body, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + key).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response);
    }

    private static Answer importFile(String fileName, String contentType, byte[] file) throws Exception {
        Answer answer = post("/prompts/bulk-import?fileName=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8), contentType, file, null);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer;
    }

    /**
     * Files whose bytes must arrive as they are go as {@code application/octet-stream}: API Gateway hands a
     * {@code text/*} body to the function as a UTF-8 string, which would already have replaced other encodings' bytes.
     */
    private static Answer importText(String fileName, String text, Charset charset) throws Exception {
        return importFile(fileName, "application/octet-stream", text.getBytes(charset));
    }

    private static void assertCounts(Answer answer, String state, int created, int failed) {
        JsonNode job = answer.job();
        assertEquals(state, job.get("state").asText(), job.toString());
        assertEquals(created, job.get("created").asInt(), job.toString());
        assertEquals(failed, job.get("failed").asInt(), job.toString());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void anEmptyFileFailsTheJobWithAMessage() throws Exception {
        Answer answer = importFile("empty.csv", "text/csv", new byte[0]);
        assertCounts(answer, "failed", 0, 0);
        assertTrue(answer.job().get("message").asText().contains("empty"), answer.job().toString());
    }

    @Test
    void aHeaderOnlyFileSucceedsWithNothingToDo() throws Exception {
        Answer answer = importText("header.csv", "name,content\r\n", StandardCharsets.UTF_8);
        assertCounts(answer, "succeeded", 0, 0);
        assertEquals(0, answer.job().get("total").asInt());
    }

    @Test
    void excelUnicodeTextIsUtf16WithTabs() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        file.write("name\tcontent\r\nGrüße\tSchöne {{thing}} 🎉\r\n".getBytes(StandardCharsets.UTF_16LE));
        Answer answer = importFile("unicode.txt", "application/octet-stream", file.toByteArray());
        assertCounts(answer, "succeeded", 1, 0);
        assertTrue(answer.job().at("/detected/encoding").asText().startsWith("UTF-16"), answer.job().toString());
        assertEquals("\t", answer.job().at("/detected/delimiter").asText());
        assertEquals("Schöne {{thing}} 🎉", firstPromptNamed("Grüße").get("content").asText());
    }

    @Test
    void windows1252BytesAreReadAsWindows1252() throws Exception {
        Answer answer = importText("legacy.csv", "name,content\nCafé crème,“Quoted” – €5\n", Charset.forName("windows-1252"));
        assertCounts(answer, "succeeded", 1, 0);
        assertEquals("windows-1252", answer.job().at("/detected/encoding").asText());
        assertEquals("“Quoted” – €5", firstPromptNamed("Café crème").get("content").asText());
    }

    @Test
    void semicolonSeparatedFilesAreDetected() throws Exception {
        Answer answer = importText("semi.csv", "name;content;tags\nSemi one;Hello, world;a,b\nSemi two;Bye;c\n", StandardCharsets.UTF_8);
        assertCounts(answer, "succeeded", 2, 0);
        assertEquals(";", answer.job().at("/detected/delimiter").asText());
        assertEquals("Hello, world", firstPromptNamed("Semi one").get("content").asText());
    }

    @Test
    void anUnterminatedQuoteFailsFromItsRowAndNamesIt() throws Exception {
        Answer answer = importText("quote.csv", "name,content\nBefore quote,fine\nBroken,\"never closed\nAfter,row\n", StandardCharsets.UTF_8);
        assertCounts(answer, "partially_succeeded", 1, 1);
        assertTrue(answer.errors().contains("\"row\":2"), answer.errors());
        assertTrue(answer.errors().contains("is never closed"), answer.errors());
    }

    @Test
    void anInvalidUtf8RowAfterTheDetectedPrefixFailsThatRowWithoutShiftingTheOthers() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("name,content\n".getBytes(StandardCharsets.UTF_8));
        int valid = 800; // ~80 KB of UTF-8: the encoding is settled on the first 64 KB
        for (int i = 1; i <= valid; i++) {
            file.write(("Utf row " + i + ",Grüße " + "u".repeat(80) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.write("Utf bad,".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        file.write("\nUtf after,fine\n".getBytes(StandardCharsets.UTF_8));
        Answer answer = importFile("invalid-utf8.csv", "application/octet-stream", file.toByteArray());
        assertCounts(answer, "partially_succeeded", valid + 1, 1);
        assertEquals("UTF-8", answer.job().at("/detected/encoding").asText());
        assertTrue(answer.errors().contains("\"row\":" + (valid + 1)), answer.errors());
        assertEquals("fine", firstPromptNamed("Utf after").get("content").asText());
    }

    @Test
    void aWholeFileThatIsNotUtf8IsReadAsWindows1252() throws Exception {
        byte[] file = {'n', 'a', 'm', 'e', ',', 'c', 'o', 'n', 't', 'e', 'n', 't', '\n', 'B', 'y', 't', 'e', 's', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        Answer answer = importFile("not-utf8.csv", "application/octet-stream", file);
        assertCounts(answer, "succeeded", 1, 0);
        assertEquals("windows-1252", answer.job().at("/detected/encoding").asText());
        assertEquals("Ã(", firstPromptNamed("Bytes").get("content").asText());
    }

    @Test
    void a150KbCellImportsWholeAndA600KbCellFailsOnlyItsRow() throws Exception {
        String big = "b".repeat(150 * 1024);
        String huge = "h".repeat(600 * 1024);
        Answer answer = importText("cells.csv", "name,content\nBig cell," + big + "\nHuge cell," + huge + "\nSmall cell,ok\n", StandardCharsets.UTF_8);
        assertCounts(answer, "partially_succeeded", 2, 1);
        assertTrue(answer.errors().contains("\"row\":2") && answer.errors().contains("\"column\":\"content\""), answer.errors());
        assertEquals(big, firstPromptNamed("Big cell").get("content").asText());
    }

    @Test
    void duplicatedHeaderNamesAreAFileErrorThatNamesThem() throws Exception {
        Answer answer = importText("dup-header.csv", "name,content,content\nDup header,first,second\n", StandardCharsets.UTF_8);
        assertCounts(answer, "failed", 0, 0);
        assertTrue(answer.job().get("message").asText().contains("more than once: content"), answer.job().toString());
    }

    @Test
    void tenThousandColumnsAreAFileErrorThatSaysTheLimit() throws Exception {
        StringBuilder header = new StringBuilder("name,content");
        StringBuilder row = new StringBuilder("Wide,wide content");
        for (int i = 0; i < 10_000; i++) {
            header.append(",extra").append(i);
            row.append(",x");
        }
        Answer answer = importText("wide.csv", header + "\n" + row + "\n", StandardCharsets.UTF_8);
        assertCounts(answer, "failed", 0, 0);
        assertTrue(answer.job().get("message").asText().contains("10002 columns; at most 256"), answer.job().toString());
    }

    @Test
    void aJsonObjectInsteadOfAnArrayFailsTheJob() throws Exception {
        Answer answer = importFile("object.json", "application/octet-stream", "{\"name\":\"x\",\"content\":\"y\"}".getBytes(StandardCharsets.UTF_8));
        assertCounts(answer, "failed", 0, 0);
        assertTrue(answer.job().get("message").asText().contains("array"), answer.job().toString());
    }

    @Test
    void jsonLinesWithOneBrokenLineFailsThatRowOnly() throws Exception {
        String file = "{\"name\":\"Line one\",\"content\":\"a\"}\n{\"name\":\"Line two\",\"content\":\n{\"name\":\"Line three\",\"content\":\"c\"}\n";
        Answer answer = importFile("lines.jsonl", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8));
        assertCounts(answer, "partially_succeeded", 2, 1);
        assertTrue(answer.errors().contains("\"row\":2"), answer.errors());
    }

    @Test
    void aBinaryFileNamedCsvFailsTheJob() throws Exception {
        byte[] binary = new byte[8192];
        new Random(7).nextBytes(binary);
        Answer answer = importFile("photo.csv", "text/csv", binary);
        assertCounts(answer, "failed", 0, 0);
        assertTrue(answer.job().get("message").asText().contains("not text"), answer.job().toString());
    }

    @Test
    void aBodyOver1MbAnswers202WithTheJobsLocationAndTheJobCompletes() throws Exception {
        StringBuilder csv = new StringBuilder("name,content\n");
        String filler = "x".repeat(1_000);
        for (int i = 1; i <= 1_200; i++) {
            csv.append("Large body ").append(i).append(',').append(filler).append('\n');
        }
        Answer answer = post("/prompts/bulk-import?fileName=large.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8), null);
        assertEquals(202, answer.status(), answer.body().toString());
        String location = answer.response().headers().firstValue("location").orElseThrow();
        JsonNode job = null;
        for (int attempt = 0; attempt < 240; attempt++) {
            job = get(location.substring("/api/v1".length()));
            if (job.get("state").asText().matches("succeeded|failed|partially_succeeded")) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        assertEquals(1_200, job.get("created").asInt());
    }

    @Test
    void theImportPostsReplayTheirAnswerForTheSameKeyAndRefuseAnotherBody() throws Exception {
        byte[] file = "name,content\nIdempotent one,hello\n".getBytes(StandardCharsets.UTF_8);
        Answer first = post("/prompts/bulk-import?fileName=idem.csv", "text/csv", file, "import-key-1");
        Answer again = post("/prompts/bulk-import?fileName=idem.csv", "text/csv", file, "import-key-1");
        assertEquals(200, again.status(), again.body().toString());
        assertEquals(first.job().get("jobId"), again.job().get("jobId"));
        assertEquals(1, get("/imports?limit=100").get("items").findValues("fileName").stream().filter(n -> n.asText().equals("idem.csv")).count());
        Answer other = post("/prompts/bulk-import?fileName=idem.csv", "text/csv", "name,content\nOther,x\n".getBytes(StandardCharsets.UTF_8), "import-key-1");
        assertEquals(422, other.status(), other.body().toString());

        byte[] upload = "{\"fileName\":\"later.csv\",\"contentType\":\"text/csv\"}".getBytes(StandardCharsets.UTF_8);
        Answer reserved = post("/imports/uploads", "application/json", upload, "upload-key-1");
        Answer replayed = post("/imports/uploads", "application/json", upload, "upload-key-1");
        assertEquals(201, replayed.status(), replayed.body().toString());
        assertEquals(reserved.body().get("jobId"), replayed.body().get("jobId"));
        Answer changed = post("/imports/uploads", "application/json", "{\"fileName\":\"other.csv\"}".getBytes(StandardCharsets.UTF_8), "upload-key-1");
        assertEquals(422, changed.status(), changed.body().toString());
    }

    /** The caller's prompt of this name, read in full. */
    private static JsonNode firstPromptNamed(String name) throws Exception {
        String cursor = null;
        do {
            JsonNode page = get("/prompts?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                if (item.get("name").asText().equals(name)) {
                    return get("/prompts/" + item.get("id").asText());
                }
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        throw new AssertionError("no prompt named " + name);
    }
}
