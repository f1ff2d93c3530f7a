package com.ccs.workflows.localrunner.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.definition.Catcher;
import com.ccs.workflows.localrunner.definition.Retrier;
import java.time.Duration;
import java.util.List;
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
  void matchingFollowsAwsRulesForStatesAllAndTaskFailed() {
    assertThat(StatesErrors.matches("States.ALL", "Anything")).isTrue();
    assertThat(StatesErrors.matches("States.ALL", "States.Runtime")).isFalse();
    assertThat(StatesErrors.matches("States.Runtime", "States.Runtime")).isTrue();
    assertThat(StatesErrors.matches("States.TaskFailed", "Lambda.ServiceException")).isTrue();
    assertThat(StatesErrors.matches("States.TaskFailed", "States.Timeout")).isFalse();
    List<Retrier> retriers = List.of(new Retrier(List.of("A"), 1, 1, 1.0, null, false),
        new Retrier(List.of("States.ALL"), 1, 1, 1.0, null, false));
    assertThat(Retries.matchingRetrier(retriers, "A")).isZero();
    assertThat(Retries.matchingRetrier(retriers, "B")).isEqualTo(1);
    assertThat(Retries.matchingRetrier(retriers, "States.Runtime")).isEqualTo(-1);
    Catcher c = new Catcher(List.of("X", "Y"), "N", "$", null, null);
    assertThat(Retries.matchingCatcher(List.of(c), "Y")).isSameAs(c);
    assertThat(Retries.matchingCatcher(List.of(c), "Z")).isNull();
  }
}
