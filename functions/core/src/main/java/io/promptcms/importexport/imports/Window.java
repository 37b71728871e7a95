package io.promptcms.importexport.imports;

import io.promptcms.importexport.format.RowError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consecutive planned rows that are written together and committed together: their plans, and what writing did
 * to each (an update may turn out unchanged or fail). Each row's outcome is set by at most one writer thread; the
 * planner reads them only after the window's writes completed.
 */
final class Window {

    private final List<RowPlanner.Plan> plans = new ArrayList<>();
    private final List<RowPlanner.Action> outcomes = new ArrayList<>();
    private final Map<Integer, RowError> writeErrors = new ConcurrentHashMap<>();
    private long contentChars;

    void add(RowPlanner.Plan plan, long chars) {
        plans.add(plan);
        outcomes.add(plan.action());
        contentChars += chars;
    }

    int size() {
        return plans.size();
    }

    boolean isEmpty() {
        return plans.isEmpty();
    }

    long contentChars() {
        return contentChars;
    }

    RowPlanner.Plan plan(int index) {
        return plans.get(index);
    }

    long lastRow() {
        return plans.get(plans.size() - 1).row();
    }

    RowPlanner.Action outcome(int index) {
        return outcomes.get(index);
    }

    void outcome(int index, RowPlanner.Action outcome) {
        outcomes.set(index, outcome);
    }

    void fail(int index, RowError error) {
        outcomes.set(index, RowPlanner.Action.FAIL);
        writeErrors.put(index, error);
    }

    /** The row's own errors and warnings, and those its write added. */
    List<RowError> errors(int index) {
        RowPlanner.Plan plan = plans.get(index);
        List<RowError> errors = new ArrayList<>(plan.errors());
        errors.addAll(plan.warnings());
        if (writeErrors.containsKey(index)) {
            errors.add(writeErrors.get(index));
        }
        return errors;
    }
}
