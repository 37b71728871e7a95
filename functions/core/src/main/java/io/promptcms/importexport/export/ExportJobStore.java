package io.promptcms.importexport.export;

import io.promptcms.importexport.job.JobState;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The export jobs table. A job is run only by the holder of its lease: taking it is conditional on the job being
 * unfinished and nobody holding a live lease, and every later save is conditional on still holding it.
 */
public final class ExportJobStore {

    private final DynamoDbTable<ExportJobItem> table;

    public ExportJobStore(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, ExportJobItem.SCHEMA);
    }

    public void create(ExportJobItem job) {
        table.putItem(r -> r.item(job).conditionExpression(Expression.builder().expression("attribute_not_exists(jobId)").build()));
    }

    public Optional<ExportJobItem> get(String jobId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(jobId).build()).consistentRead(true)));
    }

    /** Takes the lease of an unfinished job whose lease (if any) ran out before {@code now}; the job as leased, or empty. */
    public Optional<ExportJobItem> acquireLease(String jobId, String owner, long now, long until) {
        Optional<ExportJobItem> current = get(jobId);
        if (current.isEmpty() || JobState.isFinal(current.get().getState())) {
            return Optional.empty();
        }
        ExportJobItem job = current.get();
        job.setLeaseOwner(owner);
        job.setLeaseUntil(until);
        var condition = Expression.builder()
                .expression("#state IN (:queued, :running) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                .putExpressionName("#state", "state")
                .putExpressionValue(":queued", AttributeValue.fromS(JobState.QUEUED))
                .putExpressionValue(":running", AttributeValue.fromS(JobState.RUNNING))
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now)))
                .build();
        return put(job, condition) ? Optional.of(job) : Optional.empty();
    }

    /** Writes the job as the lease holder {@code owner}; false when the lease was lost. */
    public boolean saveAsHolder(ExportJobItem job, String owner) {
        return put(job, Expression.builder().expression("leaseOwner = :owner").putExpressionValue(":owner", AttributeValue.fromS(owner)).build());
    }

    private boolean put(ExportJobItem job, Expression condition) {
        try {
            table.putItem(r -> r.item(job).conditionExpression(condition));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
