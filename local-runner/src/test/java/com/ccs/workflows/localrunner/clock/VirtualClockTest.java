package com.ccs.workflows.localrunner.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void concurrentSleepersWakeInDeadlineOrderOnOneTimeline() throws Exception {
        VirtualClock clock = new VirtualClock(T0, Duration.ZERO);
        List<String> woke = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        clock.enter();
        clock.enter();
        Thread a = Thread.ofVirtual().start(() -> sleep(clock, 10, "ten", woke, started));
        Thread b = Thread.ofVirtual().start(() -> sleep(clock, 5, "five", woke, started));
        a.join(5000);
        b.join(5000);
        assertThat(woke).containsExactly("five@" + T0.plusSeconds(5), "ten@" + T0.plusSeconds(10));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(10));
    }

    private static void sleep(VirtualClock clock, int seconds, String name, List<String> woke, CountDownLatch started) {
        try {
            started.countDown();
            clock.sleepUntil(T0.plusSeconds(seconds), new CompletableFuture<>());
            woke.add(name + "@" + clock.now());
            clock.exit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void timeStandsStillWhileAnotherLineIsStillRunning() throws Exception {
        VirtualClock clock = new VirtualClock(T0, Duration.ZERO);
        clock.enter(); // a line that is busy computing
        clock.enter(); // the sleeper
        CompletableFuture<Instant> wokeAt = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                clock.sleepUntil(T0.plusSeconds(60), new CompletableFuture<>());
                wokeAt.complete(clock.now());
            } catch (InterruptedException e) {
                wokeAt.completeExceptionally(e);
            }
        });
        Thread.sleep(50);
        assertThat(wokeAt).isNotDone();
        assertThat(clock.now()).isEqualTo(T0);
        clock.exit(); // the busy line ends: now the sleeper's deadline is reached
        assertThat(wokeAt.get()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void anOutsideAnswerWithinTheGraceWinsAndAStopInterruptsASleep() throws Exception {
        VirtualClock clock = new VirtualClock(T0, Duration.ofSeconds(5));
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> answer.complete("yes"));
        assertThat(clock.await(answer, T0.plusSeconds(86400))).isTrue();
        assertThat(clock.now()).isEqualTo(T0);

        CompletableFuture<Void> stop = CompletableFuture.completedFuture(null);
        assertThat(clock.sleepUntil(T0.plusSeconds(10), stop)).isTrue();
        assertThat(clock.now()).isEqualTo(T0);
    }
}
