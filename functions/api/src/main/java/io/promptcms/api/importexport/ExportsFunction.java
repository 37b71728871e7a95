package io.promptcms.api.importexport;

import io.promptcms.api.http.ApiRequest;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.http.HttpApiFunction;
import io.promptcms.api.http.IdempotencyGuard;
import io.promptcms.api.http.Route;
import io.promptcms.auth.Scope;
import io.promptcms.common.Env;
import io.promptcms.importexport.exports.ExportJobView;
import io.promptcms.importexport.exports.ExportOptions;
import io.promptcms.importexport.exports.ExportSelection;
import io.promptcms.importexport.exports.ExportService;
import io.promptcms.ratelimit.RateLimiter;
import java.util.List;

/**
 * Bulk export over HTTP: {@code POST /prompts/bulk-export} answers a small export inline (200, the file itself)
 * and a larger one — or any with {@code async: true} — with 202 and the Location of its job;
 * {@code GET /exports/{jobId}} reads the job and, once done, hands out a download URL. Exporting only reads, so
 * the routes take {@code prompts:read} and no Idempotency-Key (a repeated request is just another export).
 */
public final class ExportsFunction extends HttpApiFunction {

    public static final String BULK_EXPORT = "POST /api/v1/prompts/bulk-export";
    public static final String GET = "GET /api/v1/exports/{jobId}";
    public static final List<String> ROUTE_KEYS = List.of(BULK_EXPORT, GET);
    public static final String EXPORTED_HEADER = "export-count";
    public static final String MISSING_HEADER = "export-missing";
    private static final String JOBS_PATH = "/api/v1/exports/";

    public ExportsFunction() {
        this(Env.system());
    }

    public ExportsFunction(Env env) {
        this(ExportsWiring.of(env));
    }

    private ExportsFunction(ExportsWiring wiring) {
        this(wiring.exports(), wiring.rateLimiter());
    }

    public ExportsFunction(ExportService exports, RateLimiter rateLimiter) {
        super(List.of(
                Route.of(BULK_EXPORT, Scope.PROMPTS_READ, request -> bulkExport(exports, request)),
                Route.of(GET, Scope.PROMPTS_READ, request -> ApiResponse.ok(exports.get(request.principal().userId(), request.pathParameter("jobId"))))),
                IdempotencyGuard.NONE, rateLimiter);
    }

    /** The body of a bulk export; every field is optional (CSV, spreadsheet-safe, everything, inline if small). */
    public record BulkExportRequest(String format, String csvMode, ExportSelection selection, Boolean async) {
    }

    private static ApiResponse bulkExport(ExportService exports, ApiRequest request) {
        BulkExportRequest form = request.bodyBytes().length == 0 ? new BulkExportRequest(null, null, null, null)
                : request.jsonBody(BulkExportRequest.class);
        ExportOptions options = new ExportOptions(form.format(), form.csvMode(), form.selection()).validated();
        String userId = request.principal().userId();
        if (!Boolean.TRUE.equals(form.async())) {
            var inline = exports.inline(userId, options);
            if (inline.isPresent()) {
                ExportService.InlineFile file = inline.get();
                return ApiResponse.bytes(200, file.contentType(), file.bytes())
                        .withHeader("content-disposition", ExportService.contentDisposition(file.fileName()))
                        .withHeader(EXPORTED_HEADER, Long.toString(file.exported()))
                        .withHeader(MISSING_HEADER, Long.toString(file.missing()));
            }
        }
        ExportJobView job = exports.request(userId, options);
        return ApiResponse.json(202, job).withHeader("location", JOBS_PATH + job.jobId());
    }
}
