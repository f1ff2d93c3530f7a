package com.ccs.workflows.localrunner.errors;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.ccs.workflows.localrunner.definition.Catcher;
import com.ccs.workflows.localrunner.definition.DefinitionException;
import com.ccs.workflows.localrunner.definition.DefinitionParser;
import com.ccs.workflows.localrunner.definition.Retrier;
import com.ccs.workflows.localrunner.definition.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class RetriesTest {

    @Test
    void delaysGrowByTheBackoffRateUpToTheMaximumAndFullJitterScalesThem() {
        Retrier retrier = new Retrier(List.of("E"), 3, 5, 2.0, 20, false);
        assertThat(Retries.delay(retrier, 0, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Retries.delay(retrier, 2, () -> 0.5)).isEqualTo(Duration.ofSeconds(12));
        assertThat(Retries.delay(retrier, 3, () -> 0.5)).isEqualTo(Duration.ofSeconds(20));
        Retrier jittered = new Retrier(List.of("E"), 3, 5, 2.0, null, true);
        assertThat(Retries.delay(jittered, 1, () -> 0.25)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void jitterStrategyIsParsedWithAwsDefaultsAndRejectsUnknownValues() {
        assertThat(retrier("'JitterStrategy': 'FULL'").fullJitter()).isTrue();
        assertThat(retrier("'JitterStrategy': 'NONE'").fullJitter()).isFalse();
        Retrier defaults = retrier("");
        assertThat(defaults.fullJitter()).isFalse();
        assertThat(defaults.intervalSeconds()).isEqualTo(1);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.backoffRate()).isEqualTo(2.0);
        assertThat(defaults.maxDelaySeconds()).isNull();
        DefinitionException bad =
                catchThrowableOfType(DefinitionException.class, () -> retrier("'JitterStrategy': 'PARTIAL'"));
        assertThat(bad.problems())
                .singleElement()
                .asString()
                .contains("'JitterStrategy' must be one of [FULL, NONE]")
                .contains("/Retry[0]/JitterStrategy");
    }

    @Test
    void fullJitterDelaysStayBetweenZeroAndTheCappedBackoffDelay() {
        Retrier jittered =
                retrier("'IntervalSeconds': 2, 'BackoffRate': 3, 'MaxDelaySeconds': 10, " + "'JitterStrategy': 'FULL'");
        for (int attempt = 0; attempt < 6; attempt++) {
            Duration cap = Duration.ofMillis((long) (Math.min(2 * Math.pow(3, attempt), 10) * 1000));
            assertThat(Retries.delay(jittered, attempt, () -> 0.0)).isZero();
            assertThat(Retries.delay(jittered, attempt, () -> 0.999_999))
                    .isLessThanOrEqualTo(cap)
                    .isGreaterThan(cap.multipliedBy(99).dividedBy(100));
            for (int i = 0; i < 50; i++) {
                assertThat(Retries.delay(
                                jittered,
                                attempt,
                                () -> ThreadLocalRandom.current().nextDouble()))
                        .isBetween(Duration.ZERO, cap);
            }
        }
        // Without jitter the random source is not consulted.
        Retrier plain = retrier("'IntervalSeconds': 2, 'BackoffRate': 3, 'MaxDelaySeconds': 10");
        assertThat(Retries.delay(plain, 1, () -> {
                    throw new AssertionError("no jitter");
                }))
                .isEqualTo(Duration.ofSeconds(6));
    }

    private static Retrier retrier(String fields) {
        String definition = json("""
        {'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
          'Retry': [{'ErrorEquals': ['E']%s}], 'End': true}}}
        """.formatted(fields.isEmpty() ? "" : ", " + fields));
        return ((TaskState) DefinitionParser.parse(definition).program().state("T"))
                .retry()
                .get(0);
    }

    @Test
    void aMissedHeartbeatMatchesStatesHeartbeatTimeoutAsWellAsStatesTimeout() {
        StatesFailure heartbeat = new HeartbeatTimedOut();
        StatesFailure timeout = new StatesFailure(StatesErrors.TIMEOUT, null);
        List<Retrier> onHeartbeat = List.of(new Retrier(List.of("States.HeartbeatTimeout"), 1, 1, 1.0, null, false));
        assertThat(heartbeat.error()).isEqualTo("States.Timeout");
        assertThat(Retries.matchingRetrier(onHeartbeat, heartbeat)).isZero();
        assertThat(Retries.matchingRetrier(onHeartbeat, timeout)).isEqualTo(-1);
        Catcher onTimeout = new Catcher(List.of("States.Timeout"), "N", "$", null, null);
        assertThat(Retries.matchingCatcher(List.of(onTimeout), heartbeat)).isSameAs(onTimeout);
        Catcher onTaskFailed = new Catcher(List.of("States.TaskFailed"), "N", "$", null, null);
        assertThat(Retries.matchingCatcher(List.of(onTaskFailed), heartbeat)).isNull();
    }

    @Test
    void matchingFollowsAwsRulesForStatesAllAndTaskFailed() {
        assertThat(StatesErrors.matches("States.ALL", "Anything")).isTrue();
        assertThat(StatesErrors.matches("States.ALL", "States.Runtime")).isFalse();
        assertThat(StatesErrors.matches("States.Runtime", "States.Runtime")).isTrue();
        assertThat(StatesErrors.matches("States.TaskFailed", "Lambda.ServiceException"))
                .isTrue();
        assertThat(StatesErrors.matches("States.TaskFailed", "States.Timeout")).isFalse();
        List<Retrier> retriers = List.of(
                new Retrier(List.of("A"), 1, 1, 1.0, null, false),
                new Retrier(List.of("States.ALL"), 1, 1, 1.0, null, false));
        assertThat(Retries.matchingRetrier(retriers, "A")).isZero();
        assertThat(Retries.matchingRetrier(retriers, "B")).isEqualTo(1);
        assertThat(Retries.matchingRetrier(retriers, "States.Runtime")).isEqualTo(-1);
        Catcher c = new Catcher(List.of("X", "Y"), "N", "$", null, null);
        assertThat(Retries.matchingCatcher(List.of(c), "Y")).isSameAs(c);
        assertThat(Retries.matchingCatcher(List.of(c), "Z")).isNull();
    }
}
