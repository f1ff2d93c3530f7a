package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.history.ExecutionHistory;
import com.ccs.workflows.localrunner.history.HistoryCursor;

/**
 * One line of execution: the main flow, a Parallel branch or a Map iteration.
 *
 * @param checkpoint where the line stands, for a redrive
 */
public record Frame(
        ExecutionRuntime runtime,
        Variables variables,
        HistoryCursor cursor,
        Cancellation cancellation,
        Checkpoint checkpoint) {

    /** A nested line: child variable scope, own history chain, cancelled with {@code group}. */
    public Frame fork(Cancellation group, Checkpoint line) {
        return new Frame(runtime, variables.child(), cursor.fork(), group.child(), line);
    }

    /**
     * A nested line whose events go to a history of its own (a distributed Map's child execution), counted and
     * bounded like an execution's but not kept.
     */
    public Frame forkDetached(Cancellation group, Checkpoint line) {
        var own = ExecutionHistory.counting(runtime.clock());
        return new Frame(runtime, variables.child(), new HistoryCursor(own, 0), group.child(), line);
    }
}
