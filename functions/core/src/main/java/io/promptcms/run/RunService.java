package io.promptcms.run;

import io.promptcms.budget.BudgetCheck;
import io.promptcms.budget.BudgetService;
import io.promptcms.budget.Reservation;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.Page;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import io.promptcms.pricing.CostEstimate;
import io.promptcms.pricing.Pricing;
import io.promptcms.prompt.PromptService;
import io.promptcms.run.provider.Completion;
import io.promptcms.run.provider.CompletionRequest;
import io.promptcms.run.provider.ModelProvider;
import io.promptcms.run.provider.ProviderException;
import io.promptcms.run.provider.ProviderNotConfiguredException;
import io.promptcms.run.provider.ProviderRouter;
import io.promptcms.tokens.TokenCounter;
import io.promptcms.usage.UsageEvent;
import io.promptcms.usage.UsageEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a prompt: plan (render, count), reserve the worst case against the budget, call the provider, settle the
 * budget to the actual cost and record the run. A failed call is recorded too, and its reservation released.
 */
public final class RunService {

    public static final String ID_PREFIX = "run";

    private final RunPlanner planner;
    private final PromptService prompts;
    private final Pricing pricing;
    private final TokenCounter tokens;
    private final ProviderRouter providers;
    private final BudgetService budgets;
    private final UsageEvents events;
    private final Clock clock;

    public RunService(RunPlanner planner, PromptService prompts, Pricing pricing, TokenCounter tokens, ProviderRouter providers,
                      BudgetService budgets, UsageEvents events, Clock clock) {
        this.planner = planner;
        this.prompts = prompts;
        this.pricing = pricing;
        this.tokens = tokens;
        this.providers = providers;
        this.budgets = budgets;
        this.events = events;
        this.clock = clock;
    }

    public CostPreview preview(String userId, String promptId, RunOptions options) {
        RunPlan plan = planner.plan(userId, promptId, options);
        Instant now = clock.instant();
        String model = plan.model().id();
        CostEstimate low = pricing.cost(model, now, plan.inputLow(), plan.expectedOutputTokens());
        CostEstimate expected = pricing.cost(model, now, plan.input().tokens(), plan.expectedOutputTokens());
        CostEstimate high = pricing.cost(model, now, plan.inputHigh(), plan.maxTokens());
        var input = new CostPreview.Tokens(plan.input().tokens(), plan.input().estimate(), plan.input().method(), plan.inputLow(), plan.inputHigh());
        return new CostPreview(promptId, plan.prompt().status().version(), model, input, plan.expectedOutputTokens(), plan.maxTokens(),
                low.usd(), expected.usd(), high.usd(), expected.unknownReason(), plan.unusedVariables());
    }

    public RunResult run(String userId, String promptId, RunOptions options) {
        RunPlan plan = planner.plan(userId, promptId, options);
        ModelProvider provider = provider(plan);
        Instant startedAt = clock.instant();
        String model = plan.model().id();
        CostEstimate ceiling = pricing.cost(model, startedAt, plan.inputHigh(), plan.maxTokens());
        Reservation reservation = budgets.reserve(userId, model, ceiling.isKnown(), ceiling.usd());
        String runId = Ids.newId(ID_PREFIX);
        long started = System.nanoTime();
        Completion completion;
        try {
            completion = provider.complete(new CompletionRequest(model, plan.model().invoke() == null ? model : plan.model().invoke().modelId(),
                    plan.text(), plan.maxTokens(), plan.temperature()));
        } catch (ProviderException e) {
            long latencyMs = elapsedMs(started);
            budgets.release(reservation);
            events.record(new UsageEvent(runId, userId, UsageEvent.Source.RUN, promptId, plan.prompt().status().version(), model, e.provider(),
                    0, 0, CostEstimate.known(BigDecimal.ZERO), latencyMs, UsageEvent.Status.FAILED, e.providerMessage(),
                    startedAt, clock.instant(), Map.of()));
            throw new ApiException(ProblemType.PROVIDER_ERROR, "run " + runId + " failed: " + e.provider()
                    + (e.status() == null ? "" : " answered " + e.status()) + ": " + e.providerMessage());
        } catch (RuntimeException e) {
            budgets.release(reservation);
            throw e;
        }
        long latencyMs = elapsedMs(started);
        long inputTokens = completion.usageReported() ? completion.inputTokens() : plan.input().tokens();
        long outputTokens = completion.usageReported() ? completion.outputTokens() : tokens.count(model, completion.output()).tokens();
        CostEstimate cost = pricing.cost(model, startedAt, inputTokens, outputTokens);
        BudgetCheck budget = budgets.settle(reservation, cost.usd());
        events.record(new UsageEvent(runId, userId, UsageEvent.Source.RUN, promptId, plan.prompt().status().version(), model, completion.provider(),
                inputTokens, outputTokens, cost, latencyMs, UsageEvent.Status.SUCCEEDED, null, startedAt, clock.instant(), Map.of()));
        var usage = new RunResult.Usage(inputTokens, outputTokens, inputTokens + outputTokens,
                completion.usageReported() && !completion.offline() ? "provider" : "tokenizer");
        return new RunResult(runId, promptId, plan.prompt().status().version(), model, completion.provider(), completion.offline(),
                completion.output(), completion.stopReason(), usage, cost.usd(), cost.unknownReason(), latencyMs, budget,
                plan.unusedVariables(), Timestamps.format(startedAt));
    }

    /** The prompt's run history (runs made here and calls tracked for it), newest first. */
    public Page<RunView> history(String userId, String promptId, int limit, String cursor) {
        prompts.getOwn(userId, promptId);
        Page<UsageEvent> page = events.byPrompt(userId, promptId, limit, cursor);
        return new Page<>(page.items().stream().map(RunView::of).toList(), page.nextCursor());
    }

    private ModelProvider provider(RunPlan plan) {
        if (!providers.offline() && plan.model().invoke() == null) {
            throw ApiException.validation(List.of(new FieldError("model", plan.model().id()
                    + " is priced here but no provider adapter can run it (GET /api/v1/models?runnable=true lists those that can)")));
        }
        try {
            return providers.forAdapter(plan.model().invoke() == null ? null : plan.model().invoke().adapter());
        } catch (ProviderNotConfiguredException e) {
            throw new ApiException(ProblemType.UNAVAILABLE, plan.model().id() + " cannot run here: " + e.providerMessage());
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
