package io.promptcms.api.importexport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.promptcms.common.Env;
import io.promptcms.importexport.imports.DropKey;
import io.promptcms.importexport.imports.ImportService;

/**
 * Imports files put into {@code s3://BUCKET/imports/<userId>/…} (the drop folder, upload URLs and staged API
 * bodies alike) and resumes imports from their continuation markers. The user is the key's first segment:
 * writing under another user's prefix takes bucket access, which the API only hands out for the caller's own
 * prefix (presigned URLs) — direct bucket access is an operator's privilege.
 */
public final class ImportFunction implements RequestHandler<S3Event, Void> {

    private final ImportService jobs;

    public ImportFunction() {
        this(Env.system());
    }

    public ImportFunction(Env env) {
        this(ImportWiring.of(env).jobs());
    }

    public ImportFunction(ImportService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            String key = DropKey.decodeEventKey(record.getS3().getObject().getKey());
            var object = record.getS3().getObject();
            if (key.startsWith(ImportService.CONTINUATION_PREFIX)) {
                jobs.continuation(key, () -> context.getRemainingTimeInMillis());
            } else {
                jobs.objectCreated(record.getS3().getBucket().getName(), key, object.geteTag(), object.getVersionId(),
                        () -> context.getRemainingTimeInMillis());
            }
        }
        return null;
    }
}
