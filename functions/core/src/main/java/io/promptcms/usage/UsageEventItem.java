package io.promptcms.usage;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.promptcms.common.Timestamps;
import io.promptcms.pricing.CostEstimate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A usage event as stored in the usage events table (key {@code ownerId} + {@code eventId}). The {@code byPrompt}
 * index lists a prompt's events newest first: {@code promptKey} = {@code <ownerId>#<promptId>}, {@code promptSort}
 * = {@code <occurredAt>#<eventId>} (both absent without a prompt, so such events stay out of the index).
 * {@code costUsd} is an exact DynamoDB number, absent when the cost is unknown ({@code costUnknownReason} says why).
 * {@code expiresAt} (epoch seconds) is the TTL; {@code aggregatedAt} is set once the aggregator has counted the event.
 */
final class UsageEventItem {

    public static final String BY_PROMPT_INDEX = "byPrompt";

    public static final TableSchema<UsageEventItem> SCHEMA = StaticTableSchema.builder(UsageEventItem.class)
            .newItemSupplier(UsageEventItem::new)
            .addAttribute(String.class, a -> a.name("ownerId").getter(UsageEventItem::getOwnerId).setter(UsageEventItem::setOwnerId).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("eventId").getter(UsageEventItem::getEventId).setter(UsageEventItem::setEventId).tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("promptKey").getter(UsageEventItem::getPromptKey).setter(UsageEventItem::setPromptKey).tags(secondaryPartitionKey(BY_PROMPT_INDEX)))
            .addAttribute(String.class, a -> a.name("promptSort").getter(UsageEventItem::getPromptSort).setter(UsageEventItem::setPromptSort).tags(secondarySortKey(BY_PROMPT_INDEX)))
            .addAttribute(String.class, a -> a.name("source").getter(UsageEventItem::getSource).setter(UsageEventItem::setSource))
            .addAttribute(String.class, a -> a.name("promptId").getter(UsageEventItem::getPromptId).setter(UsageEventItem::setPromptId))
            .addAttribute(Long.class, a -> a.name("promptVersion").getter(UsageEventItem::getPromptVersion).setter(UsageEventItem::setPromptVersion))
            .addAttribute(String.class, a -> a.name("model").getter(UsageEventItem::getModel).setter(UsageEventItem::setModel))
            .addAttribute(String.class, a -> a.name("provider").getter(UsageEventItem::getProvider).setter(UsageEventItem::setProvider))
            .addAttribute(Long.class, a -> a.name("inputTokens").getter(UsageEventItem::getInputTokens).setter(UsageEventItem::setInputTokens))
            .addAttribute(Long.class, a -> a.name("outputTokens").getter(UsageEventItem::getOutputTokens).setter(UsageEventItem::setOutputTokens))
            .addAttribute(BigDecimal.class, a -> a.name("costUsd").getter(UsageEventItem::getCostUsd).setter(UsageEventItem::setCostUsd))
            .addAttribute(String.class, a -> a.name("costUnknownReason").getter(UsageEventItem::getCostUnknownReason).setter(UsageEventItem::setCostUnknownReason))
            .addAttribute(Long.class, a -> a.name("latencyMs").getter(UsageEventItem::getLatencyMs).setter(UsageEventItem::setLatencyMs))
            .addAttribute(String.class, a -> a.name("status").getter(UsageEventItem::getStatus).setter(UsageEventItem::setStatus))
            .addAttribute(String.class, a -> a.name("error").getter(UsageEventItem::getError).setter(UsageEventItem::setError))
            .addAttribute(String.class, a -> a.name("occurredAt").getter(UsageEventItem::getOccurredAt).setter(UsageEventItem::setOccurredAt))
            .addAttribute(String.class, a -> a.name("recordedAt").getter(UsageEventItem::getRecordedAt).setter(UsageEventItem::setRecordedAt))
            .addAttribute(EnhancedType.mapOf(String.class, String.class), a -> a.name("metadata").getter(UsageEventItem::getMetadata).setter(UsageEventItem::setMetadata))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(UsageEventItem::getExpiresAt).setter(UsageEventItem::setExpiresAt))
            .addAttribute(String.class, a -> a.name("aggregatedAt").getter(UsageEventItem::getAggregatedAt).setter(UsageEventItem::setAggregatedAt))
            .build();

    private String ownerId;
    private String eventId;
    private String promptKey;
    private String promptSort;
    private String source;
    private String promptId;
    private Long promptVersion;
    private String model;
    private String provider;
    private Long inputTokens;
    private Long outputTokens;
    private BigDecimal costUsd;
    private String costUnknownReason;
    private Long latencyMs;
    private String status;
    private String error;
    private String occurredAt;
    private String recordedAt;
    private Map<String, String> metadata;
    private Long expiresAt;
    private String aggregatedAt;

    public static String promptKey(String ownerId, String promptId) {
        return ownerId + "#" + promptId;
    }

    /** The stored form of an event, to expire {@code retention} after it was recorded. */
    public static UsageEventItem of(UsageEvent event, Duration retention) {
        UsageEventItem item = new UsageEventItem();
        item.ownerId = event.ownerId();
        item.eventId = event.eventId();
        item.source = event.source().name().toLowerCase(Locale.ROOT);
        if (event.promptId() != null) {
            item.promptId = event.promptId();
            item.promptKey = promptKey(event.ownerId(), event.promptId());
            item.promptSort = Timestamps.format(event.occurredAt()) + "#" + event.eventId();
        }
        item.promptVersion = event.promptVersion();
        item.model = event.model();
        item.provider = event.provider();
        item.inputTokens = event.inputTokens();
        item.outputTokens = event.outputTokens();
        item.costUsd = event.cost().usd();
        item.costUnknownReason = event.cost().unknownReason();
        item.latencyMs = event.latencyMs();
        item.status = event.status().name().toLowerCase(Locale.ROOT);
        item.error = event.error();
        item.occurredAt = Timestamps.format(event.occurredAt());
        item.recordedAt = Timestamps.format(event.recordedAt());
        item.metadata = event.metadata() == null || event.metadata().isEmpty() ? null : event.metadata();
        item.expiresAt = event.recordedAt().plus(retention).getEpochSecond();
        return item;
    }

    public UsageEvent toEvent() {
        return new UsageEvent(eventId, ownerId, UsageEvent.Source.valueOf(source.toUpperCase(Locale.ROOT)), promptId, promptVersion,
                model, provider, inputTokens, outputTokens,
                costUsd != null ? CostEstimate.known(costUsd) : CostEstimate.unknown(costUnknownReason),
                latencyMs, UsageEvent.Status.valueOf(status.toUpperCase(Locale.ROOT)), error,
                Instant.parse(occurredAt), Instant.parse(recordedAt), metadata == null ? Map.of() : metadata);
    }

    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public String getPromptKey() { return promptKey; }
    public void setPromptKey(String promptKey) { this.promptKey = promptKey; }
    public String getPromptSort() { return promptSort; }
    public void setPromptSort(String promptSort) { this.promptSort = promptSort; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getPromptId() { return promptId; }
    public void setPromptId(String promptId) { this.promptId = promptId; }
    public Long getPromptVersion() { return promptVersion; }
    public void setPromptVersion(Long promptVersion) { this.promptVersion = promptVersion; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public Long getInputTokens() { return inputTokens; }
    public void setInputTokens(Long inputTokens) { this.inputTokens = inputTokens; }
    public Long getOutputTokens() { return outputTokens; }
    public void setOutputTokens(Long outputTokens) { this.outputTokens = outputTokens; }
    public BigDecimal getCostUsd() { return costUsd; }
    public void setCostUsd(BigDecimal costUsd) { this.costUsd = costUsd; }
    public String getCostUnknownReason() { return costUnknownReason; }
    public void setCostUnknownReason(String costUnknownReason) { this.costUnknownReason = costUnknownReason; }
    public Long getLatencyMs() { return latencyMs; }
    public void setLatencyMs(Long latencyMs) { this.latencyMs = latencyMs; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public String getOccurredAt() { return occurredAt; }
    public void setOccurredAt(String occurredAt) { this.occurredAt = occurredAt; }
    public String getRecordedAt() { return recordedAt; }
    public void setRecordedAt(String recordedAt) { this.recordedAt = recordedAt; }
    public Map<String, String> getMetadata() { return metadata; }
    public void setMetadata(Map<String, String> metadata) { this.metadata = metadata; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    public String getAggregatedAt() { return aggregatedAt; }
    public void setAggregatedAt(String aggregatedAt) { this.aggregatedAt = aggregatedAt; }
}
