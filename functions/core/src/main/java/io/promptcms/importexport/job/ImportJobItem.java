package io.promptcms.importexport.job;

import static io.promptcms.aws.SchemaAttributes.number;
import static io.promptcms.aws.SchemaAttributes.text;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An import job as stored in the import jobs table (PK {@code jobId}; index {@code byOwner}: ownerId +
 * {@code ownerSort} = createdAt#jobId, newest first). Options, detected mapping, first errors and the dry-run
 * preview are JSON text. {@code checkpoint} is the last row up to which every row is fully handled and counted;
 * {@code leaseUntil}/{@code leaseOwner} say which invocation runs the job and until when (renewed with progress).
 */
public final class ImportJobItem {

    public static final String BY_OWNER_INDEX = "byOwner";

    public static final TableSchema<ImportJobItem> SCHEMA = schema();

    private String jobId;
    private String ownerId;
    private String ownerSort;
    private String sourceKind;
    private String fileName;
    private String contentType;
    private String sourceBucket;
    private String sourceKey;
    private String sourceEtag;
    private String sourceVersionId;
    private String state;
    private Boolean dryRun;
    private String options;
    private Long total;
    private Long processed;
    private Long created;
    private Long updated;
    private Long skipped;
    private Long failed;
    private Long warnings;
    private String firstErrors;
    private String errorReportKey;
    private Long checkpoint;
    private String format;
    private String encoding;
    private String delimiter;
    private String mapping;
    private String preview;
    private String message;
    private Long continuations;
    private Long leaseUntil;
    private String leaseOwner;
    private String createdAt;
    private String startedAt;
    private String finishedAt;
    private String updatedAt;

    private static TableSchema<ImportJobItem> schema() {
        var b = StaticTableSchema.builder(ImportJobItem.class).newItemSupplier(ImportJobItem::new)
                .addAttribute(String.class, a -> a.name("jobId").getter(ImportJobItem::getJobId).setter(ImportJobItem::setJobId).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("ownerId").getter(ImportJobItem::getOwnerId).setter(ImportJobItem::setOwnerId).tags(secondaryPartitionKey(BY_OWNER_INDEX)))
                .addAttribute(String.class, a -> a.name("ownerSort").getter(ImportJobItem::getOwnerSort).setter(ImportJobItem::setOwnerSort).tags(secondarySortKey(BY_OWNER_INDEX)));
        text(b, "sourceKind", ImportJobItem::getSourceKind, ImportJobItem::setSourceKind);
        text(b, "fileName", ImportJobItem::getFileName, ImportJobItem::setFileName);
        text(b, "contentType", ImportJobItem::getContentType, ImportJobItem::setContentType);
        text(b, "sourceBucket", ImportJobItem::getSourceBucket, ImportJobItem::setSourceBucket);
        text(b, "sourceKey", ImportJobItem::getSourceKey, ImportJobItem::setSourceKey);
        text(b, "sourceEtag", ImportJobItem::getSourceEtag, ImportJobItem::setSourceEtag);
        text(b, "sourceVersionId", ImportJobItem::getSourceVersionId, ImportJobItem::setSourceVersionId);
        text(b, "state", ImportJobItem::getState, ImportJobItem::setState);
        b.addAttribute(Boolean.class, a -> a.name("dryRun").getter(ImportJobItem::getDryRun).setter(ImportJobItem::setDryRun));
        text(b, "options", ImportJobItem::getOptions, ImportJobItem::setOptions);
        number(b, "total", ImportJobItem::getTotal, ImportJobItem::setTotal);
        number(b, "processed", ImportJobItem::getProcessed, ImportJobItem::setProcessed);
        number(b, "created", ImportJobItem::getCreated, ImportJobItem::setCreated);
        number(b, "updated", ImportJobItem::getUpdated, ImportJobItem::setUpdated);
        number(b, "skipped", ImportJobItem::getSkipped, ImportJobItem::setSkipped);
        number(b, "failed", ImportJobItem::getFailed, ImportJobItem::setFailed);
        number(b, "warnings", ImportJobItem::getWarnings, ImportJobItem::setWarnings);
        text(b, "firstErrors", ImportJobItem::getFirstErrors, ImportJobItem::setFirstErrors);
        text(b, "errorReportKey", ImportJobItem::getErrorReportKey, ImportJobItem::setErrorReportKey);
        number(b, "checkpoint", ImportJobItem::getCheckpoint, ImportJobItem::setCheckpoint);
        text(b, "format", ImportJobItem::getFormat, ImportJobItem::setFormat);
        text(b, "encoding", ImportJobItem::getEncoding, ImportJobItem::setEncoding);
        text(b, "delimiter", ImportJobItem::getDelimiter, ImportJobItem::setDelimiter);
        text(b, "mapping", ImportJobItem::getMapping, ImportJobItem::setMapping);
        text(b, "preview", ImportJobItem::getPreview, ImportJobItem::setPreview);
        text(b, "message", ImportJobItem::getMessage, ImportJobItem::setMessage);
        number(b, "continuations", ImportJobItem::getContinuations, ImportJobItem::setContinuations);
        number(b, "leaseUntil", ImportJobItem::getLeaseUntil, ImportJobItem::setLeaseUntil);
        text(b, "leaseOwner", ImportJobItem::getLeaseOwner, ImportJobItem::setLeaseOwner);
        text(b, "createdAt", ImportJobItem::getCreatedAt, ImportJobItem::setCreatedAt);
        text(b, "startedAt", ImportJobItem::getStartedAt, ImportJobItem::setStartedAt);
        text(b, "finishedAt", ImportJobItem::getFinishedAt, ImportJobItem::setFinishedAt);
        text(b, "updatedAt", ImportJobItem::getUpdatedAt, ImportJobItem::setUpdatedAt);
        return b.build();
    }

    /** A zero in every counter: what a job that has not started reports. */
    public void resetCounters() {
        processed = 0L;
        created = 0L;
        updated = 0L;
        skipped = 0L;
        failed = 0L;
        warnings = 0L;
        checkpoint = 0L;
    }

    public String getJobId() { return jobId; }
    public void setJobId(String jobId) { this.jobId = jobId; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getOwnerSort() { return ownerSort; }
    public void setOwnerSort(String ownerSort) { this.ownerSort = ownerSort; }
    public String getSourceKind() { return sourceKind; }
    public void setSourceKind(String sourceKind) { this.sourceKind = sourceKind; }
    public String getFileName() { return fileName; }
    public void setFileName(String fileName) { this.fileName = fileName; }
    public String getContentType() { return contentType; }
    public void setContentType(String contentType) { this.contentType = contentType; }
    public String getSourceBucket() { return sourceBucket; }
    public void setSourceBucket(String sourceBucket) { this.sourceBucket = sourceBucket; }
    public String getSourceKey() { return sourceKey; }
    public void setSourceKey(String sourceKey) { this.sourceKey = sourceKey; }
    public String getSourceEtag() { return sourceEtag; }
    public void setSourceEtag(String sourceEtag) { this.sourceEtag = sourceEtag; }
    public String getSourceVersionId() { return sourceVersionId; }
    public void setSourceVersionId(String sourceVersionId) { this.sourceVersionId = sourceVersionId; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public Boolean getDryRun() { return dryRun; }
    public void setDryRun(Boolean dryRun) { this.dryRun = dryRun; }
    public String getOptions() { return options; }
    public void setOptions(String options) { this.options = options; }
    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }
    public Long getProcessed() { return processed; }
    public void setProcessed(Long processed) { this.processed = processed; }
    public Long getCreated() { return created; }
    public void setCreated(Long created) { this.created = created; }
    public Long getUpdated() { return updated; }
    public void setUpdated(Long updated) { this.updated = updated; }
    public Long getSkipped() { return skipped; }
    public void setSkipped(Long skipped) { this.skipped = skipped; }
    public Long getFailed() { return failed; }
    public void setFailed(Long failed) { this.failed = failed; }
    public Long getWarnings() { return warnings; }
    public void setWarnings(Long warnings) { this.warnings = warnings; }
    public String getFirstErrors() { return firstErrors; }
    public void setFirstErrors(String firstErrors) { this.firstErrors = firstErrors; }
    public String getErrorReportKey() { return errorReportKey; }
    public void setErrorReportKey(String errorReportKey) { this.errorReportKey = errorReportKey; }
    public Long getCheckpoint() { return checkpoint; }
    public void setCheckpoint(Long checkpoint) { this.checkpoint = checkpoint; }
    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    public String getEncoding() { return encoding; }
    public void setEncoding(String encoding) { this.encoding = encoding; }
    public String getDelimiter() { return delimiter; }
    public void setDelimiter(String delimiter) { this.delimiter = delimiter; }
    public String getMapping() { return mapping; }
    public void setMapping(String mapping) { this.mapping = mapping; }
    public String getPreview() { return preview; }
    public void setPreview(String preview) { this.preview = preview; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Long getContinuations() { return continuations; }
    public void setContinuations(Long continuations) { this.continuations = continuations; }
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
