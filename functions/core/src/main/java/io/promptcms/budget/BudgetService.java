package io.promptcms.budget;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Monthly budgets per user and the run path's hold on them. A run {@link #reserve reserves} its estimated maximum
 * cost before calling the provider and {@link #settle settles} to its actual cost after; with a hard stop the
 * reservation is one conditional write on the month's committed spend, so concurrent runs cannot overshoot the
 * limit. Without a hard stop (or without a budget) reservations are taken unconditionally, so spend is tracked
 * and the status still says when the limit is passed.
 */
public final class BudgetService {

    static final BigDecimal MAX_LIMIT_USD = new BigDecimal("1000000");
    static final int MAX_DECIMALS = 6;

    private final BudgetStore store;
    private final Clock clock;

    public BudgetService(DynamoDbClient dynamo, String table, Clock clock) {
        this.store = new BudgetStore(dynamo, table);
        this.clock = clock;
    }

    /** The user's budget (if any) and this month's spend; spend is shown even without a budget. */
    public BudgetView view(String ownerId) {
        String scope = BudgetLedger.userScope(ownerId);
        return new BudgetView(store.budget(scope).orElse(null), store.month(scope, BudgetLedger.period(clock.instant())));
    }

    /** Sets (replaces) the user's budget; absent optional fields take their defaults. */
    public BudgetView put(String ownerId, BudgetInput input) {
        Budget budget = validate(input);
        store.put(BudgetLedger.userScope(ownerId), budget);
        return view(ownerId);
    }

    /** Removes the user's budget; its ledgers stay. False when there was none. */
    public boolean delete(String ownerId) {
        return store.delete(BudgetLedger.userScope(ownerId));
    }

    /**
     * Holds {@code estimatedMaxUsd} (null when the model has no known price) against this month before a run.
     * Under a hard stop a run is refused ({@link ProblemType#BUDGET_EXCEEDED}) when the hold would take committed
     * spend past the limit, or when the model is unpriced and the budget does not allow unpriced models.
     */
    public Reservation reserve(String ownerId, String model, boolean priced, BigDecimal estimatedMaxUsd) {
        if (priced == (estimatedMaxUsd == null) || (estimatedMaxUsd != null && estimatedMaxUsd.signum() < 0)) {
            throw new IllegalArgumentException("a priced run has an estimate of at least 0, an unpriced one none");
        }
        String scope = BudgetLedger.userScope(ownerId);
        String period = BudgetLedger.period(clock.instant());
        Budget budget = store.budget(scope).orElse(null);
        BigDecimal held = priced ? estimatedMaxUsd : BigDecimal.ZERO;
        if (budget == null || !budget.hardStop()) {
            store.add(scope, period, held, held);
        } else if (!priced) {
            if (!budget.allowUnpricedModels()) {
                throw new ApiException(ProblemType.BUDGET_EXCEEDED, "model " + model + " has no known price, and your monthly budget"
                        + " has a hard stop: a run whose cost cannot be counted is refused unless the budget sets allowUnpricedModels");
            }
            // allowed explicitly: nothing to hold, and its cost is not counted
        } else if (estimatedMaxUsd.compareTo(budget.limitUsd()) > 0) {
            throw refusal(model, budget, period, estimatedMaxUsd, null, "is more than the whole monthly limit");
        } else {
            BudgetStore.Hold hold = store.holdWithin(scope, period, estimatedMaxUsd, budget.limitUsd());
            if (!hold.granted()) {
                throw refusal(model, budget, period, estimatedMaxUsd, hold.committedUsd(), "would take this month past the limit");
            }
        }
        return new Reservation(scope, period, model, priced, held, budget);
    }

    /**
     * Replaces the reservation by the run's actual cost (a failed provider call: its actual cost, usually 0) in
     * the month of the reservation, and answers the budget status after it. {@code actualUsd} null means the cost
     * is unknown: an unpriced run (allowed by its budget) settles to 0, since its cost cannot be counted and the
     * run record says so; a priced run whose usage went unreported settles to its reserved maximum, the most it
     * can have cost. An actual above the estimate is recorded as it is, never trimmed to the estimate: spend is
     * never hidden. Call once per reservation.
     */
    public BudgetCheck settle(Reservation reservation, BigDecimal actualUsd) {
        BigDecimal actual = actualUsd != null ? actualUsd : reservation.priced() ? reservation.estimatedUsd() : BigDecimal.ZERO;
        if (actual.signum() < 0) {
            throw new IllegalArgumentException("a cost is never negative: " + actual);
        }
        MonthSpend month = store.add(reservation.scope(), reservation.period(),
                actual.subtract(reservation.estimatedUsd()), reservation.estimatedUsd().negate());
        return BudgetCheck.of(reservation.budget(), month.committedUsd());
    }

    /** Gives the hold back: the run did not happen (or cost nothing). */
    public BudgetCheck release(Reservation reservation) {
        return settle(reservation, BigDecimal.ZERO);
    }

    private static ApiException refusal(String model, Budget budget, String period, BigDecimal estimate, BigDecimal committed, String why) {
        return new ApiException(ProblemType.BUDGET_EXCEEDED, "this run's estimated maximum cost of " + dollars(estimate)
                + " (model " + model + ") " + why + ": your monthly budget for " + period + " has a hard stop at "
                + dollars(budget.limitUsd())
                + (committed == null ? "" : " and " + dollars(committed) + " is already committed (spent plus runs in flight)"));
    }

    /** $1.00, $0.98, $0.004: cents at least, every significant decimal kept. */
    private static String dollars(BigDecimal usd) {
        return "$" + usd.setScale(Math.max(2, usd.stripTrailingZeros().scale())).toPlainString();
    }

    private Budget validate(BudgetInput input) {
        Objects.requireNonNull(input, "input");
        List<FieldError> errors = new ArrayList<>();
        BigDecimal limit = limit(input.limitUsd(), errors);
        int warnAt = warnAtPercent(input.warnAtPercent(), errors);
        boolean hardStop = flag("hardStop", input.hardStop(), errors);
        boolean allowUnpriced = flag("allowUnpricedModels", input.allowUnpricedModels(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Budget(limit, warnAt, hardStop, allowUnpriced, Timestamps.now(clock));
    }

    private static BigDecimal limit(JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            errors.add(new FieldError("limitUsd", "is required"));
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError("limitUsd", "must be a number of US dollars"));
            return null;
        }
        BigDecimal limit = node.decimalValue().stripTrailingZeros();
        if (limit.signum() <= 0) {
            errors.add(new FieldError("limitUsd", "must be more than 0"));
        } else if (limit.compareTo(MAX_LIMIT_USD) > 0) {
            errors.add(new FieldError("limitUsd", "must be at most " + MAX_LIMIT_USD.toPlainString()));
        } else if (limit.scale() > MAX_DECIMALS) {
            errors.add(new FieldError("limitUsd", "must have at most " + MAX_DECIMALS + " decimals"));
        }
        return limit.scale() < 0 ? limit.setScale(0) : limit;
    }

    private static int warnAtPercent(JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            return Budget.DEFAULT_WARN_AT_PERCENT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 100) {
            errors.add(new FieldError("warnAtPercent", "must be a whole number from 1 to 100"));
            return 0;
        }
        return node.intValue();
    }

    private static boolean flag(String field, JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return false;
        }
        return node.booleanValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
