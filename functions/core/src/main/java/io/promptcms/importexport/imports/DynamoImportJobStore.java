package io.promptcms.importexport.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import io.promptcms.common.Json;
import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import io.promptcms.importexport.format.RowError;
import io.promptcms.importexport.job.JobItem;
import io.promptcms.importexport.job.JobTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The import jobs table (PK {@code jobId}; index {@code byOwner}: ownerId + {@code ownerSort} = createdAt#jobId,
 * newest first), and the one mapping between {@link ImportJob} and its items. Options, detected mapping, first
 * errors and the dry-run preview are JSON text.
 */
public final class DynamoImportJobStore implements ImportJobStore {

    private static final String BY_OWNER_INDEX = "byOwner";
    private static final Set<String> CURSOR_KEYS = Set.of("jobId", "ownerId", "ownerSort");

    private final DynamoDbClient dynamo;
    private final JobTable table;

    public DynamoImportJobStore(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.table = new JobTable(dynamo, tableName);
    }

    @Override
    public boolean createIfAbsent(ImportJob job) {
        return table.putIfAbsent(item(job));
    }

    @Override
    public Optional<ImportJob> get(String jobId) {
        return table.get(jobId).map(DynamoImportJobStore::job);
    }

    @Override
    public Optional<ImportJob> acquireLease(String jobId, String owner, long now, long until) {
        Optional<ImportJob> current = get(jobId);
        if (current.isEmpty() || !current.get().status().leaseableAt(now)) {
            return Optional.empty();
        }
        var previous = current.get().status().lease();
        ImportJob leased = current.get().leasedTo(owner, until);
        var condition = JobTable.Condition.of("#state = :state AND (attribute_not_exists(leaseUntil) OR leaseUntil = :previous)")
                .name("#state", "state")
                .value(":state", AttributeValue.fromS(current.get().state().value()))
                .value(":previous", AttributeValue.fromN(Long.toString(previous == null ? 0 : previous.until())));
        return table.put(item(leased), condition) ? Optional.of(leased) : Optional.empty();
    }

    @Override
    public boolean saveAsHolder(ImportJob job) {
        return table.putAsHolder(item(job), job.status().lease().owner());
    }

    @Override
    public void put(ImportJob job) {
        table.put(item(job));
    }

    @Override
    public boolean claim(ImportJob claimed) {
        return table.put(item(claimed), JobTable.Condition.of("attribute_not_exists(sourceEtag)"));
    }

    @Override
    public Page<ImportJob> list(String ownerId, int limit, String cursor) {
        var page = dynamo.query(q -> {
            q.tableName(table.name()).indexName(BY_OWNER_INDEX).keyConditionExpression("ownerId = :owner")
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId))).scanIndexForward(false).limit(limit);
            if (cursor != null) {
                q.exclusiveStartKey(PageCursor.decode(cursor, CURSOR_KEYS, "ownerId", ownerId));
            }
        });
        List<ImportJob> jobs = page.items().stream().map(item -> job(JobItem.of(item))).toList();
        return new Page<>(jobs, PageCursor.encode(page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
    }

    private static JobItem item(ImportJob job) {
        ImportSource source = job.source();
        ImportCounters counters = job.counters();
        DetectedFormat detected = job.detected();
        JobItem item = JobItem.empty()
                .text("jobId", job.jobId()).text("ownerId", job.ownerId()).text("ownerSort", job.status().createdAt() + "#" + job.jobId())
                .text("sourceKind", source.kind()).text("fileName", source.fileName()).text("contentType", source.contentType())
                .text("sourceBucket", source.bucket()).text("sourceKey", source.key())
                .text("sourceEtag", source.etag()).text("sourceVersionId", source.versionId())
                .bool("dryRun", job.dryRun()).text("options", job.options().toJson())
                .number("total", job.total())
                .number("processed", counters.processed()).number("created", counters.created()).number("updated", counters.updated())
                .number("skipped", counters.skipped()).number("failed", counters.failed()).number("warnings", counters.warnings())
                .text("firstErrors", job.firstErrors() == null ? null : Json.write(job.firstErrors()))
                .text("errorReportKey", job.errorReportKey())
                .number("checkpoint", job.checkpoint())
                .text("preview", job.preview() == null ? null : Json.write(job.preview()))
                .number("continuations", job.continuations() == 0 ? null : job.continuations())
                .status(job.status());
        if (detected != null) {
            item.text("format", detected.format()).text("encoding", detected.encoding()).text("delimiter", detected.delimiter())
                    .text("mapping", Json.write(detected.mapping()));
        }
        return item;
    }

    private static ImportJob job(JobItem item) {
        String format = item.text("format");
        DetectedFormat detected = format == null ? null : new DetectedFormat(format, item.text("encoding"), item.text("delimiter"),
                read(item.text("mapping"), new TypeReference<Map<String, String>>() { }, Map.of()));
        ImportSource source = new ImportSource(item.text("sourceKind"), item.text("fileName"), item.text("contentType"),
                item.text("sourceBucket"), item.text("sourceKey"), item.text("sourceEtag"), item.text("sourceVersionId"));
        ImportCounters counters = new ImportCounters(item.count("processed"), item.count("created"), item.count("updated"),
                item.count("skipped"), item.count("failed"), item.count("warnings"));
        return new ImportJob(item.text("jobId"), item.text("ownerId"), source, ImportOptions.fromJson(item.text("options")), item.status(),
                detected, counters, item.count("checkpoint"), item.number("total"),
                read(item.text("firstErrors"), new TypeReference<List<RowError>>() { }, null), item.text("errorReportKey"),
                read(item.text("preview"), new TypeReference<List<PreviewRow>>() { }, null), item.count("continuations"));
    }

    private static <T> T read(String json, TypeReference<T> type, T absent) {
        if (json == null) {
            return absent;
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
