package com.ccs.workflows.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(10, Duration.ofMillis(50), Duration.ofSeconds(1));

    @RepeatedTest(20)
    void eachDelayIsBetweenHalfTheStepAndTheStep() {
        RandomGenerator random = new Random();
        long step = 50;
        for (int retry = 1; retry <= 9; retry++) {
            assertThat(backoff.delay(retry, random).toMillis()).isBetween(step / 2, step);
            step = Math.min(1_000, step * 2);
        }
    }

    @Test
    void lateRetriesStayAtTheCap() {
        assertThat(backoff.delay(60, new Random(1)).toMillis()).isBetween(500L, 1_000L);
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
