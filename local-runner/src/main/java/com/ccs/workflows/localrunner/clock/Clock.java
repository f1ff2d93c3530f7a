package com.ccs.workflows.localrunner.clock;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Time as the engine sees it. Every wait in the engine (Wait states, retry intervals, task timeouts,
 * heartbeats) goes through one of these two methods, so a virtual clock can make them instant.
 */
public interface Clock {

    Instant now();

    /**
     * Sleeps until {@code deadline} unless {@code interrupt} completes first (the execution was stopped).
     *
     * @return true when interrupted
     */
    boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupt) throws InterruptedException;

    /**
     * Waits for something outside the engine (a task's answer, a callback) until {@code deadline}.
     *
     * @return true when {@code event} completed in time
     */
    boolean await(CompletableFuture<?> event, Instant deadline) throws InterruptedException;

    /**
     * A line of execution starts running (an execution, a Parallel branch, a Map iteration). A virtual clock
     * only moves while every such line is waiting; the wall clock ignores this.
     */
    default void enter() {}

    /** The line of execution counted by {@link #enter()} ended, or blocks outside the clock (joining branches). */
    default void exit() {}
}
