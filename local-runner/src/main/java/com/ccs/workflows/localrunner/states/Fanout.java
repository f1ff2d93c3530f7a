package com.ccs.workflows.localrunner.states;

import com.ccs.workflows.localrunner.clock.Clock;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Runs Parallel branches or Map iterations concurrently, at most {@code maxConcurrency} at a time (0 = no
 * limit). When {@code stopAfter} says the failures so far are too many, the remaining jobs are cancelled.
 */
final class Fanout {
    private Fanout() {}

    /** One job's end: its output, or its failure, or neither when it was cancelled. */
    record Outcome(JsonNode output, StatesFailure failure) {
        boolean aborted() {
            return output == null && failure == null;
        }
    }

    static List<Outcome> run(
            List<Supplier<JsonNode>> jobs,
            int maxConcurrency,
            Cancellation group,
            ExecutorService executor,
            Clock clock,
            IntPredicate stopAfter) {
        Semaphore slots = maxConcurrency > 0 ? new Semaphore(maxConcurrency) : null;
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Outcome>> futures = new ArrayList<>(jobs.size());
        for (Supplier<JsonNode> job : jobs) {
            clock.enter(); // each job is a line of execution from now until it ends
            futures.add(CompletableFuture.supplyAsync(
                    () -> {
                        boolean acquired = false;
                        try {
                            if (slots != null) {
                                // Waiting for a slot is waiting on the other lines: it must not hold the virtual clock
                                // still.
                                clock.exit();
                                try {
                                    slots.acquire();
                                    acquired = true;
                                } finally {
                                    clock.enter();
                                }
                            }
                            if (group.isCancelled()) {
                                return new Outcome(null, null);
                            }
                            return new Outcome(job.get(), null);
                        } catch (StatesFailure f) {
                            if (stopAfter.test(failures.incrementAndGet())) {
                                group.cancel();
                            }
                            return new Outcome(null, f);
                        } catch (ExecutionStopped | InterruptedException e) {
                            return new Outcome(null, null);
                        } finally {
                            if (acquired) {
                                slots.release();
                            }
                            clock.exit();
                        }
                    },
                    executor));
        }
        clock.exit(); // this line only waits for its jobs now
        List<Outcome> outcomes = new ArrayList<>(futures.size());
        try {
            for (CompletableFuture<Outcome> f : futures) {
                try {
                    outcomes.add(f.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw e;
                }
            }
        } finally {
            clock.enter();
        }
        return outcomes;
    }

    /** The failure that ended the group first (in job order among failures). */
    static StatesFailure firstFailure(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                return o.failure();
            }
        }
        return null;
    }
}
