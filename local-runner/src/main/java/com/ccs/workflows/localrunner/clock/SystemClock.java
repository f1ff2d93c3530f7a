package com.ccs.workflows.localrunner.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wall-clock time: waits really wait. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public boolean sleepUntil(Instant deadline, CompletableFuture<?> interrupt) throws InterruptedException {
        return await(interrupt, deadline);
    }

    @Override
    public boolean await(CompletableFuture<?> event, Instant deadline) throws InterruptedException {
        long nanos = Duration.between(Instant.now(), deadline).toNanos();
        if (event.isDone()) {
            return true;
        }
        if (nanos <= 0) {
            return false;
        }
        try {
            event.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return event.isDone();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }
}
