package io.promptcms.importexport.export;

import static io.promptcms.aws.SchemaAttributes.number;
import static io.promptcms.aws.SchemaAttributes.text;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An export job as stored in the export jobs table (PK {@code jobId}). {@code options} is JSON text;
 * {@code objectKey} is where the file goes ({@code exports/<ownerId>/<jobId>.<ext>}); {@code leaseUntil}/{@code leaseOwner}
 * say which invocation runs the job and until when (renewed with progress).
 */
public final class ExportJobItem {

    public static final TableSchema<ExportJobItem> SCHEMA = schema();

    private String jobId;
    private String ownerId;
    private String state;
    private String options;
    private String fileName;
    private String objectKey;
    private Long exported;
    private Long missing;
    private Long sizeBytes;
    private String message;
    private Long leaseUntil;
    private String leaseOwner;
    private String createdAt;
    private String startedAt;
    private String finishedAt;
    private String updatedAt;

    private static TableSchema<ExportJobItem> schema() {
        var b = StaticTableSchema.builder(ExportJobItem.class).newItemSupplier(ExportJobItem::new)
                .addAttribute(String.class, a -> a.name("jobId").getter(ExportJobItem::getJobId).setter(ExportJobItem::setJobId).tags(primaryPartitionKey()));
        text(b, "ownerId", ExportJobItem::getOwnerId, ExportJobItem::setOwnerId);
        text(b, "state", ExportJobItem::getState, ExportJobItem::setState);
        text(b, "options", ExportJobItem::getOptions, ExportJobItem::setOptions);
        text(b, "fileName", ExportJobItem::getFileName, ExportJobItem::setFileName);
        text(b, "objectKey", ExportJobItem::getObjectKey, ExportJobItem::setObjectKey);
        number(b, "exported", ExportJobItem::getExported, ExportJobItem::setExported);
        number(b, "missing", ExportJobItem::getMissing, ExportJobItem::setMissing);
        number(b, "sizeBytes", ExportJobItem::getSizeBytes, ExportJobItem::setSizeBytes);
        text(b, "message", ExportJobItem::getMessage, ExportJobItem::setMessage);
        number(b, "leaseUntil", ExportJobItem::getLeaseUntil, ExportJobItem::setLeaseUntil);
        text(b, "leaseOwner", ExportJobItem::getLeaseOwner, ExportJobItem::setLeaseOwner);
        text(b, "createdAt", ExportJobItem::getCreatedAt, ExportJobItem::setCreatedAt);
        text(b, "startedAt", ExportJobItem::getStartedAt, ExportJobItem::setStartedAt);
        text(b, "finishedAt", ExportJobItem::getFinishedAt, ExportJobItem::setFinishedAt);
        text(b, "updatedAt", ExportJobItem::getUpdatedAt, ExportJobItem::setUpdatedAt);
        return b.build();
    }

    public String getJobId() { return jobId; }
    public void setJobId(String jobId) { this.jobId = jobId; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public String getOptions() { return options; }
    public void setOptions(String options) { this.options = options; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
    public String getObjectKey() { return objectKey; }
    public void setObjectKey(String objectKey) { this.objectKey = objectKey; }
    public Long getExported() { return exported; }
    public void setExported(Long exported) { this.exported = exported; }
    public Long getMissing() { return missing; }
    public void setMissing(Long missing) { this.missing = missing; }
    public Long getSizeBytes() { return sizeBytes; }
    public void setSizeBytes(Long sizeBytes) { this.sizeBytes = sizeBytes; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Long getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(Long leaseUntil) { this.leaseUntil = leaseUntil; }
    public String getLeaseOwner() { return leaseOwner; }
    public void setLeaseOwner(String leaseOwner) { this.leaseOwner = leaseOwner; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getStartedAt() { return startedAt; }
    public void setStartedAt(String startedAt) { this.startedAt = startedAt; }
    public String getFinishedAt() { return finishedAt; }
    public void setFinishedAt(String finishedAt) { this.finishedAt = finishedAt; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }
}
