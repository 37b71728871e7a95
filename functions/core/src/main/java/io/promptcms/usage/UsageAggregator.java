package io.promptcms.usage;

import io.promptcms.aws.Backoff;
import io.promptcms.budget.BudgetLedger;
import io.promptcms.common.Timestamps;
import io.promptcms.prompt.PromptTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Counts a recorded usage event, exactly once however often its stream record is delivered: one transaction marks
 * the event aggregated (only if it was not yet) and adds it to its day's rollups, to its prompt's
 * {@code usageCount}/{@code totalCostUsd} (and {@code usageRevision}, which the search index versions on) and, for
 * calls reported through tracking, to the owner's budget ledger (runs settle their budget on the run path). A
 * redelivered event fails the first condition and the whole transaction changes nothing. {@code lastRunAt} is a
 * maximum, idempotent by nature, so it is a separate conditional write.
 */
public final class UsageAggregator {

    /** What applying an event did. */
    public enum Outcome { COUNTED, ALREADY_COUNTED }

    private static final int MAX_ATTEMPTS = 5;
    private static final int MARK = 0;

    private final DynamoDbClient dynamo;
    private final String eventsTable;
    private final String rollupsTable;
    private final PromptTable prompts;
    private final String budgetsTable;
    private final Clock clock;

    public UsageAggregator(DynamoDbClient dynamo, String eventsTable, String rollupsTable, String promptsTable, String budgetsTable, Clock clock) {
        this.dynamo = dynamo;
        this.eventsTable = eventsTable;
        this.rollupsTable = rollupsTable;
        this.prompts = new PromptTable(promptsTable);
        this.budgetsTable = budgetsTable;
        this.clock = clock;
    }

    /** Counts the event unless it was counted before; throws when DynamoDB fails (the record is then redelivered). */
    public Outcome apply(UsageEvent event) {
        boolean withPrompt = event.promptId() != null;
        Outcome outcome;
        for (int attempt = 0; ; attempt++) {
            Backoff.beforeAttempt(attempt);
            Transaction transaction = transaction(event, withPrompt);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(transaction.writes()));
                outcome = Outcome.COUNTED;
                break;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failedCondition(reasons, MARK)) {
                    outcome = Outcome.ALREADY_COUNTED;
                    break;
                }
                if (withPrompt && failedCondition(reasons, transaction.promptWrite())) {
                    withPrompt = false; // the prompt was deleted: its usage still counts everywhere else
                    attempt = -1;
                    continue;
                }
                boolean clash = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!clash || attempt == MAX_ATTEMPTS - 1) {
                    throw e;
                }
            }
        }
        if (withPrompt) {
            raiseLastRunAt(event);
        }
        return outcome;
    }

    /** The writes of one event; {@code promptWrite} is the index of the prompt's counters among them, -1 without. */
    private record Transaction(List<TransactWriteItem> writes, int promptWrite) {
    }

    private Transaction transaction(UsageEvent event, boolean withPrompt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(markCounted(event)).build());
        UsageTotals totals = UsageTotals.of(event);
        String day = UsageRollups.day(event.occurredAt());
        for (String key : UsageRollups.keysOf(event.ownerId(), event.model(), withPrompt ? event.promptId() : null)) {
            writes.add(TransactWriteItem.builder().update(UsageRollups.add(rollupsTable, key, day, totals)).build());
        }
        int promptWrite = -1;
        if (withPrompt) {
            promptWrite = writes.size();
            writes.add(TransactWriteItem.builder().update(prompts.countRun(event.promptId(), event.ownerId(),
                    event.cost().isKnown() ? event.cost().usd() : null)).build());
        }
        if (budgetSpend(event)) {
            writes.add(TransactWriteItem.builder().update(BudgetLedger.addSettledSpend(budgetsTable,
                    BudgetLedger.userScope(event.ownerId()), event.occurredAt(), event.cost().usd())).build());
        }
        return new Transaction(writes, promptWrite);
    }

    private Update markCounted(UsageEvent event) {
        return Update.builder().tableName(eventsTable)
                .key(Map.of("ownerId", AttributeValue.fromS(event.ownerId()), "eventId", AttributeValue.fromS(event.eventId())))
                .updateExpression("SET aggregatedAt = :now")
                .conditionExpression("attribute_exists(eventId) AND attribute_not_exists(aggregatedAt)")
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.now(clock))))
                .build();
    }

    /** Only tracked calls with a known cost: a run reserves and settles its spend itself. */
    private static boolean budgetSpend(UsageEvent event) {
        return event.source() == UsageEvent.Source.TRACK && event.cost().isKnown();
    }

    private void raiseLastRunAt(UsageEvent event) {
        try {
            dynamo.updateItem(prompts.raiseLastRunAt(event.promptId(), event.ownerId(), Timestamps.format(event.occurredAt())));
        } catch (ConditionalCheckFailedException e) {
            // a later run is already there, or the prompt is gone: nothing to do
        }
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return index >= 0 && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
