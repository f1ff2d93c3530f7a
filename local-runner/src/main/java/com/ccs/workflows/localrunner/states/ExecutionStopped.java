package com.ccs.workflows.localrunner.states;

/**
 * Unwinds a line of execution that must end without failing by itself: the execution was stopped or timed out,
 * or a sibling branch failed. Not a {@link com.ccs.workflows.localrunner.errors.StatesFailure}, so no Retry or
 * Catch sees it.
 */
public final class ExecutionStopped extends RuntimeException {
    public ExecutionStopped() {
        super("stopped", null, false, false);
    }
}
