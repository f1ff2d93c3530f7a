package com.ccs.workflows.localrunner.api;

import static com.ccs.workflows.localrunner.api.ApiErrorsAssert.awsError;
import static com.ccs.workflows.localrunner.api.LocalSfn.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** SendTaskSuccess/Failure/Heartbeat against executions waiting on {@code .waitForTaskToken} tasks. */
class CallbackApiTest {
    private static final String WITH_TIMEOUTS = json("""
      {'StartAt': 'AwaitApproval', 'States': {
        'AwaitApproval': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'Parameters': {'QueueUrl': 'https://sqs.us-east-1.amazonaws.com/123456789/approvals',
            'MessageBody': {'token.$': '$$.Task.Token'}},
          'TimeoutSeconds': 86400, 'HeartbeatSeconds': 3600, 'End': true}}}""");

    @RegisterExtension
    final LocalSfn local = LocalSfn.virtual();

    private String machine;

    @BeforeEach
    void setUp() {
        machine = local.create("approvals", ExecutionApiTest.CALLBACK);
    }

    @Test
    void successCompletesTheTaskWithTheOutput() {
        String execution = startExecution();
        String token = local.awaitTaskToken(execution);
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\": true, \"by\": \"ops\"}"));
        var described = local.awaitEnd(execution);
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).isEqualTo("{\"approved\":true,\"by\":\"ops\"}");
        // The task is closed: a second answer is refused as AWS refuses it.
        var again =
                awsError(() -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")), "TaskTimedOut");
        assertThat(again).isInstanceOf(TaskTimedOutException.class);
        awsError(() -> local.sfn.sendTaskFailure(b -> b.taskToken(token)), "TaskTimedOut");
        awsError(() -> local.sfn.sendTaskHeartbeat(b -> b.taskToken(token)), "TaskTimedOut");
    }

    @Test
    void failureFailsTheTaskWithErrorAndCause() {
        String execution = startExecution();
        String token = local.awaitTaskToken(execution);
        local.sfn.sendTaskFailure(b -> b.taskToken(token).error("Rejected").cause("The customer declined"));
        var described = local.awaitEnd(execution);
        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("Rejected");
        assertThat(described.cause()).isEqualTo("The customer declined");
        var failed = local.sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.taskFailedEventDetails().error()).isEqualTo("Rejected");
        assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("sqs");
    }

    @Test
    void heartbeatsAreAcceptedWhileTheTaskWaits() {
        String arn = local.create("approvals-hb", WITH_TIMEOUTS);
        String execution = local.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        String token = local.awaitTaskToken(execution);
        local.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        local.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        assertThat(local.sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"done\""));
        assertThat(local.awaitEnd(execution).output()).isEqualTo("\"done\"");
    }

    @Test
    void badTokensAndOutputs() {
        String execution = startExecution();
        String token = local.awaitTaskToken(execution);
        var invalid = awsError(
                () -> local.sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")), "InvalidToken");
        assertThat(invalid).isInstanceOf(InvalidTokenException.class);
        awsError(() -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{oops")), "InvalidOutput");
        awsError(() -> local.sfn.sendTaskSuccess(b -> b.taskToken(token)), "ValidationException");
        awsError(() -> local.sfn.sendTaskSuccess(b -> b.output("{}")), "ValidationException");
        awsError(
                () -> local.sfn.sendTaskFailure(b -> b.taskToken(token).error("e".repeat(257))), "ValidationException");
        // None of these answered the task: it still waits.
        assertThat(local.sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
        assertThat(local.awaitEnd(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aTaskThatTimesOutRefusesLateAnswers() {
        // Outside answers get 300 ms of real time, then the 24 h timeout is reached in virtual time.
        try (LocalSfn quick = LocalSfn.virtual(Duration.ofMillis(300))) {
            String arn = quick.create("approvals", WITH_TIMEOUTS.replace("\"HeartbeatSeconds\": 3600, ", ""));
            String execution =
                    quick.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
            String token = quick.awaitTaskToken(execution);
            var described = quick.awaitEnd(execution);
            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(described.error()).isEqualTo("States.Timeout");
            assertThat(quick.sfn
                            .getExecutionHistory(b -> b.executionArn(execution))
                            .events())
                    .extracting(HistoryEvent::type)
                    .contains(HistoryEventType.TASK_TIMED_OUT);
            awsError(() -> quick.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")), "TaskTimedOut");
        }
    }

    @Test
    void aMissedHeartbeatFailsTheTask() {
        try (LocalSfn quick = LocalSfn.virtual(Duration.ofMillis(300))) {
            String arn = quick.create("approvals", WITH_TIMEOUTS);
            String execution =
                    quick.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
            String token = quick.awaitTaskToken(execution);
            var described = quick.awaitEnd(execution);
            assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
            // AWS reports a missed heartbeat as States.Timeout (as its recorded executions show), an hour after the
            // task started rather than at its 24 h timeout.
            assertThat(described.error()).isEqualTo("States.Timeout");
            var events = quick.sfn
                    .getExecutionHistory(b -> b.executionArn(execution))
                    .events();
            Instant started = timeOf(events, HistoryEventType.TASK_STARTED);
            assertThat(timeOf(events, HistoryEventType.TASK_TIMED_OUT)).isEqualTo(started.plusSeconds(3600));
            awsError(() -> quick.sfn.sendTaskHeartbeat(b -> b.taskToken(token)), "TaskTimedOut");
        }
    }

    @Test
    void stoppingTheExecutionClosesItsTask() {
        String execution = startExecution();
        String token = local.awaitTaskToken(execution);
        local.sfn.stopExecution(b -> b.executionArn(execution));
        assertThat(local.awaitEnd(execution).status()).isEqualTo(ExecutionStatus.ABORTED);
        awsErrorEventually(token);
    }

    /** The stopped task unwinds on its own thread: its token closes right after the stop. */
    private void awsErrorEventually(String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
            } catch (TaskTimedOutException e) {
                return;
            }
            assertThat(System.nanoTime()).as("token still open after the stop").isLessThan(deadline);
            LocalSfn.sleep(5);
        }
    }

    private static Instant timeOf(List<HistoryEvent> events, HistoryEventType type) {
        return events.stream()
                .filter(e -> e.type() == type)
                .findFirst()
                .orElseThrow()
                .timestamp();
    }

    private String startExecution() {
        return local.sfn
                .startExecution(b -> b.stateMachineArn(machine).input("{\"order\": 7}"))
                .executionArn();
    }
}
