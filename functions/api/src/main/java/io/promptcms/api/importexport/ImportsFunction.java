package io.promptcms.api.importexport;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.Env;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import io.promptcms.common.ProblemType;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.imports.ImportJob;
import io.promptcms.importexport.imports.ImportJobView;
import io.promptcms.importexport.imports.ImportOptions;
import io.promptcms.importexport.imports.ImportService;
import io.promptcms.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk import over HTTP: {@code POST /prompts/bulk-import} (a small file runs within the request and answers 200
 * with the job; a larger one is staged into the caller's drop folder and answers 202 with the job's Location),
 * {@code POST /imports/uploads} (a presigned PUT URL into the drop folder), and the caller's jobs.
 */
public final class ImportsFunction extends HttpApiFunction {

    public static final String BULK_IMPORT = "POST /api/v1/prompts/bulk-import";
    public static final String UPLOADS = "POST /api/v1/imports/uploads";
    public static final String LIST = "GET /api/v1/imports";
    public static final String GET = "GET /api/v1/imports/{jobId}";
    public static final List<String> ROUTE_KEYS = List.of(BULK_IMPORT, UPLOADS, LIST, GET);

    /** Files up to this size run within the request (API Gateway allows 30 s); larger ones become a background job. */
    public static final int INLINE_BYTES = 1024 * 1024;
    /** API Gateway's and Lambda's limit for a synchronous payload. */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;
    private static final String JOBS_PATH = "/api/v1/imports/";

    public ImportsFunction() {
        this(Env.system());
    }

    public ImportsFunction(Env env) {
        this(ImportsWiring.of(env));
    }

    private ImportsFunction(ImportsWiring wiring) {
        this(wiring.jobs(), wiring.idempotency(), wiring.rateLimiter());
    }

    public ImportsFunction(ImportService jobs, IdempotencyGuard idempotency, RateLimiter rateLimiter) {
        super(List.of(
                Route.idempotent(BULK_IMPORT, Scope.PROMPTS_WRITE, request -> bulkImport(jobs, request)),
                Route.idempotent(UPLOADS, Scope.PROMPTS_WRITE, request -> upload(jobs, request)),
                Route.of(LIST, Scope.PROMPTS_READ, request -> {
                    Page<ImportJob> page = jobs.list(request.principal().userId(), PageCursor.limit(request.query("limit")),
                            request.query("cursor").orElse(null));
                    return ApiResponse.ok(new Page<>(page.items().stream().map(job -> ImportJobView.of(job, null)).toList(), page.nextCursor()));
                }),
                Route.of(GET, Scope.PROMPTS_READ, request -> {
                    ImportJob job = jobs.get(request.principal().userId(), request.pathParameter("jobId"));
                    return ApiResponse.ok(ImportJobView.of(job, jobs.errorReportUrl(job)));
                })), idempotency, rateLimiter);
    }

    /** The JSON form of a bulk import: options and the file as text or base64. */
    public record BulkImportRequest(String format, String encoding, Map<String, String> mapping, String onConflict, Boolean dryRun,
                                    String collectionId, String fileName, String content, String contentBase64, Boolean rejectDuplicates) {
    }

    /** An inline run's answer: the job, and for a dry run every row error (up to 1,000; {@code moreErrors} counts the rest). */
    public record InlineResult(ImportJobView job, List<RowError> errors, long moreErrors) {
    }

    public record UploadRequest(String fileName, String contentType, String format, String encoding, Map<String, String> mapping,
                                String onConflict, Boolean dryRun, String collectionId, Boolean rejectDuplicates) {
    }

    public record UploadResult(String jobId, String uploadUrl, String method, Map<String, String> headers, String expiresAt, ImportJobView job) {
    }

    private static ApiResponse bulkImport(ImportService jobs, ApiRequest request) {
        String userId = request.principal().userId();
        byte[] body = request.bodyBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "the body is " + body.length + " bytes; upload larger files with POST /api/v1/imports/uploads");
        }
        String contentType = request.header("content-type").orElse("");
        ImportOptions options;
        byte[] file;
        String fileName;
        String fileType;
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json") && !request.query("format").isPresent()) {
            BulkImportRequest form = read(body, BulkImportRequest.class);
            options = new ImportOptions(form.format(), form.encoding(), form.mapping(), form.onConflict(), Boolean.TRUE.equals(form.dryRun()),
                    form.collectionId(), Boolean.TRUE.equals(form.rejectDuplicates())).validated();
            file = fileOf(form);
            fileName = form.fileName();
            fileType = null;
        } else {
            options = new ImportOptions(request.query("format").orElse(null), request.query("encoding").orElse(null),
                    request.query("mapping").map(json -> read(json.getBytes(StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() { })).orElse(null),
                    request.query("onConflict").orElse(null), request.flag("dryRun"), request.query("collectionId").orElse(null),
                    request.flag("rejectDuplicates")).validated();
            file = body;
            fileName = request.query("fileName").orElse(null);
            fileType = contentType.isEmpty() ? null : contentType;
        }
        if (file.length <= INLINE_BYTES || options.dryRun()) {
            var run = jobs.runInline(userId, file, fileName, fileType, options);
            ImportJobView view = ImportJobView.of(run.job(), jobs.errorReportUrl(run.job()));
            return ApiResponse.ok(new InlineResult(view, run.errors(), run.moreErrors()));
        }
        ImportJob job = jobs.stage(userId, file, fileName == null ? "import" : fileName, fileType, options);
        return ApiResponse.json(202, ImportJobView.of(job, null)).withHeader("location", JOBS_PATH + job.jobId());
    }

    private static ApiResponse upload(ImportService jobs, ApiRequest request) {
        UploadRequest form = request.jsonBody(UploadRequest.class);
        if (form.fileName() == null || form.fileName().isBlank()) {
            throw ApiException.validation(List.of(new FieldError("fileName", "is required")));
        }
        ImportOptions options = new ImportOptions(form.format(), form.encoding(), form.mapping(), form.onConflict(),
                Boolean.TRUE.equals(form.dryRun()), form.collectionId(), Boolean.TRUE.equals(form.rejectDuplicates())).validated();
        String contentType = form.contentType() == null || form.contentType().isBlank() ? "application/octet-stream" : form.contentType();
        var upload = jobs.reserveUpload(request.principal().userId(), form.fileName(), contentType, options);
        return ApiResponse.created(JOBS_PATH + upload.job().jobId(), new UploadResult(upload.job().jobId(), upload.url(), "PUT",
                Map.of("content-type", contentType), upload.expiresAt(), ImportJobView.of(upload.job(), null)));
    }

    private static byte[] fileOf(BulkImportRequest form) {
        if ((form.content() == null) == (form.contentBase64() == null)) {
            throw ApiException.validation(List.of(new FieldError("content", "give the file as content (text) or contentBase64, exactly one")));
        }
        if (form.content() != null) {
            return form.content().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getMimeDecoder().decode(form.contentBase64());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new FieldError("contentBase64", "is not base64")));
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        return ApiRequest.parseJson(json, Json.MAPPER.constructType(type));
    }

    private static <T> T read(byte[] json, TypeReference<T> type) {
        return ApiRequest.parseJson(json, Json.MAPPER.getTypeFactory().constructType(type));
    }
}
