package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.EngineConfig;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * The execution limits seen through the SDK: the execution that passes one fails as on AWS, and the server goes
 * on answering every call right after, for other executions as for the failed one.
 */
class LimitsApiTest {
    private static final String RUNAWAY = json("""
      {'StartAt': 'Poll', 'States': {
        'Poll': {'Type': 'Pass', 'Next': 'Done?'},
        'Done?': {'Type': 'Choice', 'Choices': [{'Variable': '$.done', 'IsPresent': true, 'Next': 'Stop'}],
          'Default': 'Poll'},
        'Stop': {'Type': 'Succeed'}}}""");
    private static final String HELLO = json("""
      {'StartAt': 'Hello', 'States': {'Hello': {'Type': 'Pass', 'Result': 'world', 'End': true}}}""");

    private static EngineConfig config(long historyBytes) {
        return new EngineConfig(
                        new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(5)),
                        LocalSfn.DELIVERED,
                        new CallbackRegistry(),
                        "us-east-1",
                        LocalSfn.ACCOUNT)
                .withHistoryBytes(historyBytes);
    }

    @Test
    void aRunawayLoopFailsAtTwentyFiveThousandEventsAndTheServerServesNormallyRightAfter() {
        try (LocalSfn local = LocalSfn.of(config(1L << 30))) {
            String loop = local.create("runaway", RUNAWAY);
            String executionArn = local.sfn
                    .startExecution(b -> b.stateMachineArn(loop).name("spin"))
                    .executionArn();

            var failed = local.awaitEnd(executionArn);

            assertThat(failed.statusAsString()).isEqualTo("FAILED");
            assertThat(failed.error()).isEqualTo("States.Runtime");
            assertThat(failed.cause()).isEqualTo("The execution reached the maximum number of history events (25000).");
            List<HistoryEvent> last = local.sfn
                    .getExecutionHistory(
                            b -> b.executionArn(executionArn).reverseOrder(true).maxResults(2))
                    .events();
            assertThat(last.get(0).typeAsString()).isEqualTo("ExecutionFailed");
            assertThat(last.get(0).id()).isEqualTo(25_000L);
            assertThat(last.get(0).previousEventId()).isEqualTo(24_999L);
            assertThat(last.get(1).id()).isEqualTo(24_999L);
            serves(local);
        }
    }

    @Test
    void anExecutionPassingItsShareOfTheHistoryMemoryFailsAndTheServerServesNormallyRightAfter() {
        try (LocalSfn local = LocalSfn.of(config(4L << 20))) { // 1 MiB for one execution
            String loop = local.create("runaway", RUNAWAY);
            String input = "{\"blob\": \"" + "x".repeat(100_000) + "\"}";
            String executionArn = local.sfn
                    .startExecution(b -> b.stateMachineArn(loop).input(input))
                    .executionArn();

            var failed = local.awaitEnd(executionArn);

            assertThat(failed.statusAsString()).isEqualTo("FAILED");
            assertThat(failed.error()).isEqualTo("States.Runtime");
            assertThat(failed.cause()).contains("memory bound of 1 MiB");
            assertThat(local.sfn
                            .getExecutionHistory(b -> b.executionArn(executionArn))
                            .events())
                    .hasSizeLessThan(30);
            serves(local);
        }
    }

    @Test
    void anExpressExecutionPastFiveMinutesIsTimedOutForItsSynchronousCaller() {
        try (LocalSfn local = LocalSfn.of(config(1L << 30))) {
            String slow = local.createExpress("slow", json("""
          {'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'Seconds': 301, 'End': true}}}"""));

            StartSyncExecutionResponse timedOut = local.sfn.startSyncExecution(b -> b.stateMachineArn(slow));

            assertThat(timedOut.status()).isEqualTo(SyncExecutionStatus.TIMED_OUT);
            assertThat(Duration.between(timedOut.startDate(), timedOut.stopDate()))
                    .isEqualTo(Duration.ofMinutes(5));
            serves(local);
        }
    }

    /** The calls a client makes next all answer: a new execution runs to its end. */
    private static void serves(LocalSfn local) {
        assertThat(local.sfn.listStateMachines(b -> {}).stateMachines()).isNotEmpty();
        String hello = local.createExpress("hello-after", HELLO);
        StartSyncExecutionResponse ran = local.sfn.startSyncExecution(b -> b.stateMachineArn(hello));
        assertThat(ran.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(ran.output()).isEqualTo("\"world\"");
    }
}
