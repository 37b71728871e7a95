package io.promptcms.api.importexport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.promptcms.common.Env;
import io.promptcms.importexport.exports.ExportService;
import io.promptcms.importexport.imports.DropKey;

/**
 * Runs export jobs: the API writes a request marker {@code export-requests/<userId>/<jobId>.json} for every export
 * too large to answer inline, and its S3 event lands here. Deliveries are at least once; {@link ExportService#requested}
 * runs each job once.
 */
public final class ExportFunction implements RequestHandler<S3Event, Void> {

    private final ExportService exports;

    public ExportFunction() {
        this(Env.system());
    }

    public ExportFunction(Env env) {
        this(ExportWiring.of(env).exports());
    }

    public ExportFunction(ExportService exports) {
        this.exports = exports;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            exports.requested(DropKey.decodeEventKey(record.getS3().getObject().getKey()));
        }
        return null;
    }
}
