package io.promptcms.importexport.imports;

import io.promptcms.common.ApiException;
import io.promptcms.importexport.format.RowError;
import io.promptcms.prompt.PromptRepository;
import io.promptcms.prompt.PromptService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes planned windows on parallel writer threads while the planner goes on with the next ones: new prompts in
 * BatchWriteItem calls of {@value #PROMPTS_PER_BATCH} (a prompt and its first version: 24 items), updates one task
 * each. At most {@value #MAX_IN_FLIGHT} windows are in flight (the bounded queue between planner and writers: memory
 * stays at a few windows whatever the file's size); windows come back in file order, each only once every write of
 * it and of the windows before it is done, so a checkpoint after it means "every row up to here is written".
 */
final class WindowWriter implements AutoCloseable {

    static final int PROMPTS_PER_BATCH = 12;
    static final int MAX_IN_FLIGHT = 3;

    private final PromptRepository repository;
    private final PromptService prompts;
    private final String ownerId;
    private final ExecutorService pool;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    private record InFlight(Window window, CompletableFuture<Void> written) {
    }

    WindowWriter(PromptRepository repository, PromptService prompts, String ownerId, int writers) {
        this.repository = repository;
        this.prompts = prompts;
        this.ownerId = ownerId;
        this.pool = Executors.newFixedThreadPool(Math.max(1, writers), Thread.ofPlatform().name("import-writer-", 0).daemon().factory());
    }

    /** Starts writing {@code window}; returns the windows fully written by now, in order (waits while too many are in flight). */
    List<Window> submit(Window window) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<RowPlanner.Plan> batch = new ArrayList<>();
        List<RowPlanner.Plan> alreadyCreated = new ArrayList<>();
        for (int i = 0; i < window.size(); i++) {
            RowPlanner.Plan plan = window.plan(i);
            switch (plan.action()) {
                case CREATE, DUPLICATE -> {
                    batch.add(plan);
                    if (batch.size() == PROMPTS_PER_BATCH) {
                        writes.add(create(batch));
                        batch = new ArrayList<>();
                    }
                }
                case ALREADY_CREATED -> alreadyCreated.add(plan);
                case UPDATE -> writes.add(update(window, i));
                default -> {
                }
            }
        }
        if (!batch.isEmpty()) {
            writes.add(create(batch));
        }
        if (!alreadyCreated.isEmpty()) {
            writes.add(repairFirstVersions(alreadyCreated));
        }
        inFlight.addLast(new InFlight(window, CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))));
        List<Window> done = new ArrayList<>();
        while (!inFlight.isEmpty() && (inFlight.size() > MAX_IN_FLIGHT || inFlight.peekFirst().written().isDone())) {
            done.add(awaitFirst());
        }
        return done;
    }

    /** Every window still in flight, in order, once written. */
    List<Window> drain() {
        List<Window> done = new ArrayList<>();
        while (!inFlight.isEmpty()) {
            done.add(awaitFirst());
        }
        return done;
    }

    private Window awaitFirst() {
        InFlight first = inFlight.removeFirst();
        try {
            first.written().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return first.window();
    }

    private CompletableFuture<Void> create(List<RowPlanner.Plan> plans) {
        return CompletableFuture.runAsync(() -> repository.createAll(plans.stream()
                .map(plan -> prompts.prepareNew(ownerId, plan.targetId(), plan.draft())).toList()), pool);
    }

    /** Rows a crashed run created: their prompt is there, their first version may not be (the batch was not atomic). */
    private CompletableFuture<Void> repairFirstVersions(List<RowPlanner.Plan> plans) {
        return CompletableFuture.runAsync(() -> repository.writeMissingFirstVersions(plans.stream()
                .map(plan -> prompts.prepareNew(ownerId, plan.targetId(), plan.draft())).toList()), pool);
    }

    private CompletableFuture<Void> update(Window window, int index) {
        RowPlanner.Plan plan = window.plan(index);
        return CompletableFuture.runAsync(() -> {
            try {
                window.outcome(index, prompts.replaceIfChanged(ownerId, plan.targetId(), plan.draft()) ? RowPlanner.Action.UPDATE : RowPlanner.Action.SKIP);
            } catch (ApiException e) {
                window.fail(index, new RowError(plan.row(), null, "the prompt to update changed or disappeared during the import: " + e.getMessage()));
            }
        }, pool);
    }

    /** Stops the writers; writes of windows not handed back may or may not have happened (the checkpoint does not cover them). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
