package com.ccs.workflows.localrunner.states;

import java.util.concurrent.CompletableFuture;

/**
 * A stop signal that children inherit: stopping an execution stops all its branches; a failing Parallel branch
 * stops only its siblings.
 */
public final class Cancellation {
    private final CompletableFuture<Void> signal = new CompletableFuture<>();

    public static Cancellation root() {
        return new Cancellation();
    }

    public Cancellation child() {
        Cancellation child = new Cancellation();
        signal.whenComplete((v, e) -> child.cancel());
        return child;
    }

    public void cancel() {
        signal.complete(null);
    }

    public boolean isCancelled() {
        return signal.isDone();
    }

    public CompletableFuture<Void> signal() {
        return signal;
    }

    public void check() {
        if (signal.isDone()) {
            throw new ExecutionStopped();
        }
    }
}
