package com.ccs.workflows.localrunner.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local runner's clock: real time plus an offset that only grows. Waits the engine makes on its own (Wait
 * states, retry intervals) jump at once, so a retried registry outage does not keep a developer waiting, but only
 * while no task is in flight anywhere: a jump while another execution's task runs would cut that task's
 * TimeoutSeconds short (time is shared by every execution), so such a wait runs in real time until the last
 * task in flight ends, then jumps the rest. Waits
 * for something outside the engine are real while a function is running in-process (its answer is coming, and
 * its TimeoutSeconds must hold in real time), and, once {@link #skipCallbackWaits} is set (the CLI's
 * {@code --timeout}), a wait nobody is working on (a task token no one will answer) jumps to its deadline after
 * a short grace, so a 24 h approval window closes in milliseconds.
 */
public final class RunnerClock implements Clock {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final AtomicLong offsetNanos = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** When the last in-process invocation ended ({@link System#nanoTime}): a callback wait is idle from then on. */
    private volatile long lastEndedNanos = System.nanoTime();

    private final Duration grace;
    private volatile boolean skipCallbackWaits;
    /** Completes when {@link #skipCallbackWaits} turns on, so that a wait started before notices it at once. */
    private volatile CompletableFuture<Void> skipping = new CompletableFuture<>();
    /** Completes when time jumps (then is replaced), so that a wait sees its deadline come closer at once. */
    private volatile CompletableFuture<Void> jumped = new CompletableFuture<>();

    public RunnerClock(Duration grace) {
        this.grace = grace;
    }

    public RunnerClock() {
        this(Duration.ofMillis(150));
    }

    @Override
    public Instant now() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    /** This clock as the functions read it ({@code FunctionClock}): UTC, ahead of the wall clock by the offset. */
    public java.time.Clock forFunctions() {
        return new FunctionsClock(this, java.time.ZoneOffset.UTC);
    }

    private static final class FunctionsClock extends java.time.Clock {
        private final RunnerClock source;
        private final java.time.ZoneId zone;

        FunctionsClock(RunnerClock source, java.time.ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public java.time.ZoneId getZone() {
            return zone;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId newZone) {
            return new FunctionsClock(source, newZone);
        }

        @Override
        public Instant instant() {
            return source.now();
        }
    }

    /** From now on, callback waits with nothing in flight jump to their deadline (they time out). */
    public synchronized void skipCallbackWaits(boolean skip) {
        this.skipCallbackWaits = skip;
        if (skip) {
            skipping.complete(null);
        } else if (skipping.isDone()) {
            skipping = new CompletableFuture<>();
        }
    }

    /** How far virtual time is ahead of the wall clock. */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    /** Marks an in-process invocation as running (real waits); call {@link #invocationEnded} when it ends. */
    public synchronized void invocationStarted() {
        inFlight.incrementAndGet();
    }

    public void invocationEnded() {
        lastEndedNanos = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /** Moves time to {@code deadline} unless a task is in flight; false when it could not. */
    private synchronized boolean jumpTo(Instant deadline) {
        if (inFlight.get() > 0) {
            return false;
        }
        long by = Math.max(0, Duration.between(now(), deadline).toNanos());
        if (by > 0) {
            offsetNanos.accumulateAndGet(by, Long::sum);
            CompletableFuture<Void> waiting = jumped;
            jumped = new CompletableFuture<>();
            waiting.complete(null);
        }
        return true;
    }

    @Override
    public boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupt) throws InterruptedException {
        while (true) {
            if (interrupt.isDone()) {
                return true;
            }
            long remaining = Duration.between(now(), deadline).toNanos();
            if (remaining <= 0 || jumpTo(deadline)) {
                return false;
            }
            try {
                interrupt.get(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // a task is still in flight somewhere: real time passes meanwhile
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return true;
            }
        }
    }

    @Override
    public boolean await(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
        long waitStart = System.nanoTime();
        if (!skipCallbackWaits && !waitUntilSkipping(event, deadline)) {
            return event.isDone();
        }
        // Idle since the wait started or the last invocation ended, whichever came later, as polling would have seen.
        long idleSince = Math.max(waitStart, lastEndedNanos);
        while (true) {
            if (event.isDone()) {
                return true;
            }
            long remaining = Duration.between(now(), deadline).toNanos();
            if (remaining <= 0) {
                return event.isDone();
            }
            if (inFlight.get() > 0) {
                idleSince = System.nanoTime();
            } else if (skipCallbackWaits && System.nanoTime() - idleSince >= grace.toNanos() && jumpTo(deadline)) {
                return event.isDone();
            }
            try {
                event.get(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // keep waiting
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return true;
            }
        }
    }

    /**
     * Waits without polling until the event completes, the deadline passes (time jumps included) or callback
     * waits start to be skipped; true only in the last case (the caller then polls for the moment to jump).
     */
    private boolean waitUntilSkipping(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
        CompletableFuture<Void> skip = skipping;
        while (true) {
            CompletableFuture<Void> jump = jumped;
            long remaining = Duration.between(now(), deadline).toNanos();
            if (event.isDone() || skip.isDone() || remaining <= 0) {
                return !event.isDone() && skip.isDone();
            }
            try {
                CompletableFuture.anyOf(event, skip, jump).get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // the deadline has passed: the next turn returns
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return false;
            }
        }
    }
}
