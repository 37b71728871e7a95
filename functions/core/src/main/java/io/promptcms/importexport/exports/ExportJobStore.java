package io.promptcms.importexport.exports;

import io.promptcms.importexport.job.JobItem;
import io.promptcms.importexport.job.JobState;
import io.promptcms.importexport.job.JobTable;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The export jobs table (PK {@code jobId}; {@code options} is JSON text), and the one mapping between
 * {@link ExportJob} and its items. A job is run only by the holder of its lease: taking it is conditional on the
 * job being unfinished and nobody holding a live lease, and every later save is conditional on still holding it.
 */
public final class ExportJobStore {

    private final JobTable table;

    public ExportJobStore(DynamoDbClient dynamo, String tableName) {
        this.table = new JobTable(dynamo, tableName);
    }

    public void create(ExportJob job) {
        if (!table.putIfAbsent(item(job))) {
            throw new IllegalStateException("export job " + job.jobId() + " exists already");
        }
    }

    public Optional<ExportJob> get(String jobId) {
        return table.get(jobId).map(ExportJobStore::job);
    }

    /** Takes the lease of an unfinished job whose lease (if any) ran out before {@code now}; the job as leased, or empty. */
    public Optional<ExportJob> acquireLease(String jobId, String owner, long now, long until) {
        Optional<ExportJob> current = get(jobId);
        if (current.isEmpty() || current.get().state().isFinal()) {
            return Optional.empty();
        }
        ExportJob leased = current.get().withStatus(current.get().status().leasedTo(owner, until));
        var condition = JobTable.Condition.of("#state IN (:queued, :running) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                .name("#state", "state")
                .value(":queued", AttributeValue.fromS(JobState.QUEUED.value()))
                .value(":running", AttributeValue.fromS(JobState.RUNNING.value()))
                .value(":now", AttributeValue.fromN(Long.toString(now)));
        return table.put(item(leased), condition) ? Optional.of(leased) : Optional.empty();
    }

    /** Writes the job as the holder of its lease; false when the lease was lost. */
    public boolean saveAsHolder(ExportJob job) {
        return table.putAsHolder(item(job), job.status().lease().owner());
    }

    private static JobItem item(ExportJob job) {
        return JobItem.empty().text("jobId", job.jobId()).text("ownerId", job.ownerId()).text("options", job.options().toJson())
                .text("fileName", job.fileName()).text("objectKey", job.objectKey())
                .number("exported", job.exported()).number("missing", job.missing()).number("sizeBytes", job.sizeBytes())
                .status(job.status());
    }

    private static ExportJob job(JobItem item) {
        return new ExportJob(item.text("jobId"), item.text("ownerId"), ExportOptions.fromJson(item.text("options")), item.text("fileName"),
                item.text("objectKey"), item.count("exported"), item.count("missing"), item.number("sizeBytes"), item.status());
    }
}
