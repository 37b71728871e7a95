package io.promptcms.importexport.job;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A row of a jobs table as DynamoDB attributes, for the one mapper of each job kind: null values are left out (as
 * the tables always had it), numbers are {@code N}, and the {@link JobStatus} attributes both kinds share are
 * written and read here.
 */
public final class JobItem {

    private final Map<String, AttributeValue> attributes;

    private JobItem(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public static JobItem empty() {
        return new JobItem(new HashMap<>());
    }

    public static JobItem of(Map<String, AttributeValue> attributes) {
        return new JobItem(attributes);
    }

    public Map<String, AttributeValue> attributes() {
        return Map.copyOf(attributes);
    }

    public JobItem text(String name, String value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public JobItem number(String name, Long value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromN(Long.toString(value)));
        }
        return this;
    }

    public JobItem bool(String name, Boolean value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromBool(value));
        }
        return this;
    }

    public JobItem status(JobStatus status) {
        text("state", status.state().value()).text("message", status.message());
        if (status.lease() != null) {
            number("leaseUntil", status.lease().until()).text("leaseOwner", status.lease().owner());
        }
        return text("createdAt", status.createdAt()).text("startedAt", status.startedAt())
                .text("finishedAt", status.finishedAt()).text("updatedAt", status.updatedAt());
    }

    public String text(String name) {
        AttributeValue value = attributes.get(name);
        return value == null ? null : value.s();
    }

    public Long number(String name) {
        AttributeValue value = attributes.get(name);
        return value == null ? null : Long.valueOf(value.n());
    }

    /** A counter: 0 when absent. */
    public long count(String name) {
        Long value = number(name);
        return value == null ? 0 : value;
    }

    public Boolean bool(String name) {
        AttributeValue value = attributes.get(name);
        return value == null ? null : value.bool();
    }

    public JobStatus status() {
        Long leaseUntil = number("leaseUntil");
        String leaseOwner = text("leaseOwner");
        Lease lease = leaseUntil == null && leaseOwner == null ? null : new Lease(leaseOwner, leaseUntil == null ? 0 : leaseUntil);
        return new JobStatus(JobState.of(text("state")), text("message"), lease, text("createdAt"), text("startedAt"),
                text("finishedAt"), text("updatedAt"));
    }
}
