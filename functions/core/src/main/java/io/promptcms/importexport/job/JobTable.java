package io.promptcms.importexport.job;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A jobs table (partition key {@code jobId}) as the job stores use it: consistent reads, and puts that are either
 * unconditional or conditional (false when the condition failed) — created once, leased only when free, saved only
 * by the lease holder.
 */
public final class JobTable {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public JobTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    public String name() {
        return tableName;
    }

    public Optional<JobItem> get(String jobId) {
        var response = dynamo.getItem(r -> r.tableName(tableName).key(Map.of("jobId", AttributeValue.fromS(jobId))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(JobItem.of(response.item())) : Optional.empty();
    }

    public void put(JobItem item) {
        dynamo.putItem(r -> r.tableName(tableName).item(item.attributes()));
    }

    public boolean putIfAbsent(JobItem item) {
        return put(item, Condition.of("attribute_not_exists(jobId)"));
    }

    /** Writes as the holder of the job's lease {@code owner}; false when another invocation took it. */
    public boolean putAsHolder(JobItem item, String owner) {
        return put(item, Condition.of("leaseOwner = :owner").value(":owner", AttributeValue.fromS(owner)));
    }

    public boolean put(JobItem item, Condition condition) {
        PutItemRequest.Builder request = PutItemRequest.builder().tableName(tableName).item(item.attributes())
                .conditionExpression(condition.expression());
        if (!condition.names().isEmpty()) {
            request.expressionAttributeNames(condition.names());
        }
        if (!condition.values().isEmpty()) {
            request.expressionAttributeValues(condition.values());
        }
        try {
            dynamo.putItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A condition expression with its names and values. */
    public record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

        public static Condition of(String expression) {
            return new Condition(expression, Map.of(), Map.of());
        }

        public Condition name(String placeholder, String name) {
            var more = new java.util.HashMap<>(names);
            more.put(placeholder, name);
            return new Condition(expression, Map.copyOf(more), values);
        }

        public Condition value(String placeholder, AttributeValue value) {
            var more = new java.util.HashMap<>(values);
            more.put(placeholder, value);
            return new Condition(expression, names, Map.copyOf(more));
        }
    }
}
