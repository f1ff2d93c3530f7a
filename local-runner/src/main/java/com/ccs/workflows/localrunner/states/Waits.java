package com.ccs.workflows.localrunner.states;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Every wait of a state goes through here: it ends early when the execution is stopped, and no wait outlives the
 * execution's own TimeoutSeconds (checked here rather than by a timer so that it also holds on a virtual clock).
 */
final class Waits {
    private Waits() {}

    /** Sleeps until {@code until}. */
    static void sleep(StateRun run, Instant until) {
        ExecutionRuntime rt = run.runtime();
        Instant capped = cap(rt, until);
        try {
            if (rt.clock().sleepUntil(capped, run.frame().cancellation().signal())) {
                throw new ExecutionStopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionStopped();
        }
        checkTimeout(rt, capped, until);
    }

    /** Waits for {@code event} until {@code deadline}; true when it completed. */
    static boolean await(StateRun run, CompletableFuture<?> event, Instant deadline) {
        ExecutionRuntime rt = run.runtime();
        Cancellation cancellation = run.frame().cancellation();
        Instant capped = cap(rt, deadline);
        boolean done;
        try {
            done = rt.clock().await(CompletableFuture.anyOf(event, cancellation.signal()), capped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionStopped();
        }
        cancellation.check();
        if (!done) {
            checkTimeout(rt, capped, deadline);
        }
        return done;
    }

    private static Instant cap(ExecutionRuntime rt, Instant until) {
        return rt.deadline() != null && rt.deadline().isBefore(until) ? rt.deadline() : until;
    }

    private static void checkTimeout(ExecutionRuntime rt, Instant capped, Instant wanted) {
        if (capped.isBefore(wanted)) {
            rt.onTimeout().run();
            throw new ExecutionStopped();
        }
    }
}
