package com.ccs.workflows.localrunner.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Simulated time for tests and fast local runs: waits complete without really waiting, in the order their
 * deadlines fall, as if time had passed.
 *
 * <p>Time moves only when every participant (an execution or branch the engine registered with
 * {@link #enter()}) is waiting on this clock; it then jumps to the earliest deadline. So concurrent branches see
 * one consistent timeline, and a branch still computing is never overtaken by another one's timer. A wait for
 * something outside the engine (a task's answer, a callback) additionally gets {@code grace} of real time to be
 * answered before its deadline may be reached: a 24 h task-token timeout then fires after {@code grace}.
 */
public final class VirtualClock implements Clock {
    private final Duration grace;
    private final List<Waiter> waiters = new ArrayList<>();
    private Instant now;
    private int busy;

    private static final class Waiter {
        final Instant deadline;
        final long eligibleAtNanos;
        final CompletableFuture<?> event;

        Waiter(Instant deadline, long eligibleAtNanos, CompletableFuture<?> event) {
            this.deadline = deadline;
            this.eligibleAtNanos = eligibleAtNanos;
            this.event = event;
        }
    }

    public VirtualClock(Instant start, Duration grace) {
        this.now = start;
        this.grace = grace;
    }

    /** Starts at the current wall-clock time with a 200 ms grace for outside answers. */
    public VirtualClock() {
        this(Instant.now(), Duration.ofMillis(200));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void enter() {
        busy++;
    }

    @Override
    public synchronized void exit() {
        busy--;
        notifyAll();
    }

    /** Moves time forward by hand (never back) and wakes the waits that are due. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
        notifyAll();
    }

    @Override
    public boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupt) throws InterruptedException {
        return waitFor(interrupt, deadline, 0L);
    }

    @Override
    public boolean await(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
        return waitFor(event, deadline, grace.toNanos());
    }

    /** True when {@code event} completed before time reached {@code deadline}. */
    private boolean waitFor(CompletableFuture<?> event, Instant deadline, long graceNanos) throws InterruptedException {
        if (event.isDone()) {
            return true;
        }
        event.whenComplete((v, e) -> wake());
        Waiter me = new Waiter(deadline, System.nanoTime() + graceNanos, event);
        synchronized (this) {
            waiters.add(me);
            busy--;
            notifyAll();
            try {
                while (true) {
                    if (event.isDone()) {
                        return true;
                    }
                    if (!now.isBefore(deadline)) {
                        return false;
                    }
                    long sleepNanos = tryAdvance();
                    if (sleepNanos == 0) {
                        wait();
                    } else if (sleepNanos > 0) {
                        long ms = sleepNanos / 1_000_000;
                        wait(ms, (int) (sleepNanos % 1_000_000));
                    }
                }
            } finally {
                waiters.remove(me);
                busy++;
            }
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    /**
     * When nobody is running, jumps to the earliest deadline whose grace has passed. Returns -1 after a jump (look
     * again), 0 to wait for a change, or the real nanoseconds until the next grace period ends.
     */
    private long tryAdvance() {
        if (busy > 0 || waiters.isEmpty()) {
            return 0;
        }
        Waiter earliest = null;
        for (Waiter w : waiters) {
            if (w.event.isDone() || !w.deadline.isAfter(now)) {
                return 0; // that line is about to run again: time stands still until it waits again
            }
            if (earliest == null || w.deadline.isBefore(earliest.deadline)) {
                earliest = w;
            }
        }
        long remaining = earliest.eligibleAtNanos - System.nanoTime();
        if (remaining > 0) {
            return remaining;
        }
        now = earliest.deadline;
        notifyAll();
        return -1;
    }
}
