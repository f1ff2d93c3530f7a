package com.ccs.workflows.localrunner.engine;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.tasks.RoutingTaskInvoker;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits AWS puts on an execution, each failing that execution the way AWS does, never the engine. */
class ExecutionLimitsTest {
    /** A polling loop whose exit never comes. */
    static final String RUNAWAY = json("""
      {'StartAt': 'Poll', 'States': {
        'Poll': {'Type': 'Pass', 'Result': {'done': false}, 'Next': 'Done?'},
        'Done?': {'Type': 'Choice', 'Choices': [{'Variable': '$.done', 'BooleanEquals': true, 'Next': 'Stop'}],
          'Default': 'Poll'},
        'Stop': {'Type': 'Succeed'}}}""");
    /** The same loop carrying its (large) input round and round. */
    static final String RUNAWAY_WITH_PAYLOAD = json("""
      {'StartAt': 'Poll', 'States': {
        'Poll': {'Type': 'Pass', 'Next': 'Done?'},
        'Done?': {'Type': 'Choice', 'Choices': [{'Variable': '$.done', 'IsPresent': true, 'Next': 'Stop'}],
          'Default': 'Poll'},
        'Stop': {'Type': 'Succeed'}}}""");

    private static final String HELLO = json("""
      {'StartAt': 'Hello', 'States': {'Hello': {'Type': 'Pass', 'Result': 'world', 'End': true}}}""");

    @Test
    void aLoopWhoseExitNeverComesFailsAtTheTwentyFiveThousandthEventAsAwsRecordsIt() {
        try (Engine engine = TestEngines.engine()) {
            Execution execution = TestEngines.run(engine, RUNAWAY, "{}");

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Runtime");
            assertThat(execution.cause())
                    .isEqualTo("The execution reached the maximum number of history events (25000).");
            List<HistoryEvent> history = execution.history();
            assertThat(history).hasSize(25_000);
            HistoryEvent last = history.get(24_999);
            assertThat(last.type()).isEqualTo("ExecutionFailed");
            assertThat(last.id()).isEqualTo(25_000);
            assertThat(last.previousEventId()).isEqualTo(24_999);
            assertThat(history.get(24_998).type()).endsWith("StateExited");
            // Not redrivable: AWS refuses a redrive of a history this long.
            assertThat(engine.redriveStatus(execution).reason()).isEqualTo("Execution history event limit exceeded");

            assertThat(TestEngines.run(engine, HELLO, "{}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void aRetryOrCatchOfStatesAllDoesNotKeepAFullHistoryGoing() {
        try (Engine engine = TestEngines.engine()) {
            Execution execution = TestEngines.run(engine, json("""
          {'StartAt': 'Loop', 'States': {
            'Loop': {'Type': 'Parallel', 'Branches': [{'StartAt': 'Spin', 'States': {
                'Spin': {'Type': 'Pass', 'Next': 'Again'},
                'Again': {'Type': 'Choice', 'Choices': [{'Variable': '$.x', 'IsPresent': true, 'Next': 'Out'}],
                  'Default': 'Spin'},
                'Out': {'Type': 'Succeed'}}}],
              'Retry': [{'ErrorEquals': ['States.ALL'], 'MaxAttempts': 3}],
              'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Recovered'}], 'End': true},
            'Recovered': {'Type': 'Succeed'}}}"""), "{}");

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Runtime");
            assertThat(execution.history()).hasSize(25_000);
        }
    }

    @Test
    void aStateOutputOver256KiBOfUtf8FailsWithStatesDataLimitExceededThoughItHasFewerCharacters() {
        String twoBytesEach = "\u00e9".repeat(70_000); // 140,000 bytes of UTF-8 in 70,000 characters
        try (Engine engine = TestEngines.engine()) {
            Execution doubled = TestEngines.run(engine, json("""
          {'StartAt': 'Double', 'States': {'Double': {'Type': 'Pass',
            'Parameters': {'a.$': '$.s', 'b.$': '$.s'}, 'End': true}}}"""), "{\"s\": \"" + twoBytesEach + "\"}");

            assertThat(doubled.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(doubled.error()).isEqualTo("States.DataLimitExceeded");
            assertThat(doubled.cause())
                    .isEqualTo("The state/task 'Double' returned a result with a size exceeding the"
                            + " maximum number of bytes service limit.");
            assertThat(doubled.history())
                    .extracting(HistoryEvent::type)
                    .containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");

            String oneByteEach = "e".repeat(130_000); // 260,000 bytes doubled: under 262,144
            assertThat(TestEngines.run(engine, json("""
          {'StartAt': 'Double', 'States': {'Double': {'Type': 'Pass',
            'Parameters': {'a.$': '$.s', 'b.$': '$.s'}, 'End': true}}}"""), "{\"s\": \"" + oneByteEach + "\"}")
                            .status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void anExpressExecutionEndsAsTimedOutAfterFiveMinutesWhateverItsTimeoutSeconds() {
        var clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (Engine engine = TestEngines.engine(new RoutingTaskInvoker(), clock)) {
            var machine = engine.createStateMachine("slow", json("""
          {'StartAt': 'W', 'TimeoutSeconds': 3600, 'States': {'W': {'Type': 'Wait', 'Seconds': 400, 'End': true}}}
          """), StateMachineType.EXPRESS, "arn:role");

            Execution execution = engine.startSyncExecution(machine.arn(), null, "{}", Duration.ofSeconds(20));

            assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(execution.error()).isEqualTo("States.Timeout");
            assertThat(Duration.between(execution.startDate(), execution.stopDate()))
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(engine.startSyncExecution(
                                    engine.createStateMachine("quick", HELLO, StateMachineType.EXPRESS, "arn:role")
                                            .arn(),
                                    null,
                                    "{}",
                                    Duration.ofSeconds(20))
                            .status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void oneExecutionCannotTakeMoreThanAQuarterOfTheHistoryMemory() {
        long total = 8L << 20; // 8 MiB of event data, 2 MiB for one execution
        String payload = "{\"blob\": \"" + "x".repeat(100_000) + "\"}";
        try (Engine engine = new Engine(TestEngines.engine().config().withHistoryBytes(total))) {
            Execution hog = TestEngines.run(engine, RUNAWAY_WITH_PAYLOAD, payload);

            assertThat(hog.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(hog.error()).isEqualTo("States.Runtime");
            assertThat(hog.cause())
                    .isEqualTo("The execution's history reached the local engine's memory bound of 2 MiB"
                            + " of event data for one execution.");
            assertThat(hog.history().size()).isLessThan(30);
            assertThat(engine.historyMemory().used()).isLessThanOrEqualTo(total);

            assertThat(TestEngines.run(engine, HELLO, "{}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void finishedExecutionsAreForgottenOldestFirstWhenTheHistoriesFillTheirMemory() {
        long total = 8L << 20;
        String payload = "{\"blob\": \"" + "x".repeat(200_000) + "\"}"; // four events carry it: ~0.8 MB a run
        try (Engine engine = new Engine(TestEngines.engine().config().withHistoryBytes(total))) {
            var machine = engine.createStateMachine("carry", json("""
          {'StartAt': 'Carry', 'States': {'Carry': {'Type': 'Pass', 'End': true}}}"""), StateMachineType.STANDARD, "arn:role");
            Execution first = engine.await(
                    engine.startExecution(machine.arn(), "first", payload).arn(), Duration.ofSeconds(20));
            Execution last = first;
            for (int i = 0; i < 20; i++) {
                last = engine.await(
                        engine.startExecution(machine.arn(), "run-" + i, payload)
                                .arn(),
                        Duration.ofSeconds(20));
                assertThat(last.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            }

            assertThat(engine.historyMemory().used()).isLessThanOrEqualTo(total);
            String firstArn = first.arn();
            assertThatThrownBy(() -> engine.describeExecution(firstArn))
                    .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("ExecutionDoesNotExist"));
            assertThat(engine.describeExecution(last.arn()).history()).hasSize(4);
        }
    }
}
