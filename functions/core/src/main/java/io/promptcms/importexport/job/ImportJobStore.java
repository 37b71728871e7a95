package io.promptcms.importexport.job;

import io.promptcms.common.Page;
import io.promptcms.common.PageCursor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The import jobs table. Every write that matters is conditional: a job is created once (a second delivery of
 * the same object finds it), a lease is taken only when none is live, and progress is saved only by the
 * holder of the lease — an invocation that lost its lease (it stalled past it and another took over) stops.
 */
public final class ImportJobStore {

    private static final Set<String> CURSOR_KEYS = Set.of("jobId", "ownerId", "ownerSort");

    private final DynamoDbTable<ImportJobItem> table;

    public ImportJobStore(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, ImportJobItem.SCHEMA);
    }

    /** False when a job with this id exists already. */
    public boolean createIfAbsent(ImportJobItem job) {
        return conditionalPut(job, Expression.builder().expression("attribute_not_exists(jobId)").build());
    }

    public Optional<ImportJobItem> get(String jobId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(jobId).build()).consistentRead(true)));
    }

    /**
     * Takes the job's lease for {@code owner} until {@code until} (epoch ms) if the job is unfinished and nobody
     * holds a live lease; the job as it is then, or empty.
     */
    public Optional<ImportJobItem> acquireLease(String jobId, String owner, long now, long until) {
        Optional<ImportJobItem> current = get(jobId);
        if (current.isEmpty() || JobState.isFinal(current.get().getState())) {
            return Optional.empty();
        }
        ImportJobItem job = current.get();
        Long previous = job.getLeaseUntil();
        if (previous != null && previous > now) {
            return Optional.empty();
        }
        job.setLeaseOwner(owner);
        job.setLeaseUntil(until);
        var condition = Expression.builder()
                .expression("#state = :state AND (attribute_not_exists(leaseUntil) OR leaseUntil = :previous)")
                .putExpressionName("#state", "state")
                .putExpressionValue(":state", AttributeValue.fromS(current.get().getState()))
                .putExpressionValue(":previous", AttributeValue.fromN(Long.toString(previous == null ? 0 : previous)))
                .build();
        return conditionalPut(job, condition) ? Optional.of(job) : Optional.empty();
    }

    /** Writes the job as the lease holder {@code owner}; false when the lease was lost. */
    public boolean saveAsHolder(ImportJobItem job, String owner) {
        return conditionalPut(job, Expression.builder().expression("leaseOwner = :owner")
                .putExpressionValue(":owner", AttributeValue.fromS(owner)).build());
    }

    /** Writes a job nobody runs yet (a reservation, a dry run's record) unconditionally. */
    public void put(ImportJobItem job) {
        table.putItem(job);
    }

    /**
     * Binds a reserved job (an upload URL or a staged API body) to the object that arrived: only the first
     * object version claims it. True when the job is bound to exactly this object now.
     */
    public boolean claim(ImportJobItem reserved, String etag, String versionId) {
        if (reserved.getSourceEtag() != null) {
            return reserved.getSourceEtag().equals(etag) && java.util.Objects.equals(reserved.getSourceVersionId(), versionId);
        }
        reserved.setSourceEtag(etag);
        reserved.setSourceVersionId(versionId);
        return conditionalPut(reserved, Expression.builder().expression("attribute_not_exists(sourceEtag)").build());
    }

    /** The owner's jobs, newest first. */
    public Page<ImportJobItem> list(String ownerId, int limit, String cursor) {
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ownerId)))
                .scanIndexForward(false)
                .limit(limit);
        if (cursor != null) {
            request.exclusiveStartKey(PageCursor.decode(cursor, CURSOR_KEYS, "ownerId", ownerId));
        }
        var page = table.index(ImportJobItem.BY_OWNER_INDEX).query(request.build()).iterator().next();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        return new Page<>(page.items(), PageCursor.encode(last));
    }

    private boolean conditionalPut(ImportJobItem job, Expression condition) {
        try {
            table.putItem(r -> r.item(job).conditionExpression(condition));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
