package com.ccs.workflows.localrunner.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunnerClockTest {

    @Test
    void aWaitWithNothingInFlightJumpsAtOnce() throws InterruptedException {
        RunnerClock clock = new RunnerClock();
        Instant deadline = clock.now().plusSeconds(3_600);
        long start = System.nanoTime();

        boolean interrupted = clock.sleepUntil(deadline, new CompletableFuture<>());

        assertThat(interrupted).isFalse();
        assertThat(clock.now()).isAfterOrEqualTo(deadline);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aWaitWhileAnotherTaskRunsDoesNotShortenThatTasksTime() throws Exception {
        RunnerClock clock = new RunnerClock();
        clock.invocationStarted(); // another execution's task, measured against its TimeoutSeconds
        Instant taskDeadline = clock.now().plusSeconds(1);
        CompletableFuture<Boolean> retryWait = CompletableFuture.supplyAsync(() -> {
            try {
                return clock.sleepUntil(clock.now().plusSeconds(600), new CompletableFuture<>());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(200);
        assertThat(clock.now()).as("no jump while the task runs").isBefore(taskDeadline);
        assertThat(retryWait).isNotDone();

        clock.invocationEnded();
        assertThat(retryWait.get()).isFalse();
        assertThat(clock.offset()).isGreaterThan(Duration.ofSeconds(590));
    }

    @Test
    void aCallbackWaitStartedBeforeWaitsAreSkippedJumpsOnceTheyAre() throws Exception {
        RunnerClock clock = new RunnerClock(Duration.ofMillis(50));
        Instant deadline = clock.now().plusSeconds(3_600);
        CompletableFuture<Object> callback = new CompletableFuture<>();
        CompletableFuture<Boolean> wait = CompletableFuture.supplyAsync(() -> {
            try {
                return clock.await(callback, deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(100);
        assertThat(wait).as("a real wait until waits are skipped").isNotDone();
        clock.skipCallbackWaits(true);

        assertThat(wait.get(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        assertThat(clock.now()).isAfterOrEqualTo(deadline);
    }

    @Test
    void aCallbackWaitEndsWhenAnotherWaitMovesTimePastItsDeadline() throws Exception {
        RunnerClock clock = new RunnerClock();
        Instant deadline = clock.now().plusSeconds(60);
        CompletableFuture<Boolean> wait = CompletableFuture.supplyAsync(() -> {
            try {
                return clock.await(new CompletableFuture<>(), deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Thread.sleep(100);
        assertThat(wait).isNotDone();
        clock.sleepUntil(clock.now().plusSeconds(3_600), new CompletableFuture<>()); // jumps: nothing in flight

        assertThat(wait.get(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aStoppedExecutionEndsItsWait() throws InterruptedException {
        RunnerClock clock = new RunnerClock();
        clock.invocationStarted();
        CompletableFuture<Void> stop = CompletableFuture.completedFuture(null);

        assertThat(clock.sleepUntil(clock.now().plusSeconds(60), stop)).isTrue();
    }
}
