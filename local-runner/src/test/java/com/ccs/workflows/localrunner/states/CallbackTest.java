package com.ccs.workflows.localrunner.states;

import static com.ccs.workflows.localrunner.testing.TestEngines.engine;
import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.run;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code .waitForTaskToken}: the token reaches the service, the answer comes back through SendTask*. */
class CallbackTest {
    private static final String WAIT_FOR_APPROVAL = json("""
      {'StartAt': 'Ask', 'States': {'Ask': {'Type': 'Task',
        'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'TimeoutSeconds': 86400,
        'HeartbeatSeconds': 3600,
        'Parameters': {'QueueUrl': 'q', 'MessageBody': {'token.$': '$$.Task.Token', 'order.$': '$.order'}},
        'End': true}}}
      """);

    @Test
    void sendTaskSuccessCompletesTheTaskWithItsOutput() {
        AtomicReference<Engine> self = new AtomicReference<>();
        try (var engine = engine(
                request -> {
                    String token =
                            request.payload().get("MessageBody").get("token").asText();
                    // The "worker" answers asynchronously, like a queue consumer would.
                    CompletableFuture.runAsync(() -> self.get().sendTaskSuccess(token, "{\"approved\": true}"));
                    return CompletableFuture.completedFuture(TaskResult.of(Json.parse("{\"MessageId\": \"m1\"}")));
                },
                new VirtualClock(TestEngines.START, Duration.ofSeconds(5)))) {
            self.set(engine);
            var execution = run(engine, WAIT_FOR_APPROVAL, "{\"order\": 7}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output()).isEqualTo(Json.parse("{\"approved\": true}"));
            assertThat(types(execution))
                    .containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
        }
    }

    @Test
    void sendTaskFailureFailsTheTaskWithTheGivenErrorAndCause() {
        AtomicReference<Engine> self = new AtomicReference<>();
        try (var engine = engine(
                request -> {
                    String token = request.taskToken();
                    CompletableFuture.runAsync(() -> self.get().sendTaskFailure(token, "Rejected", "not today"));
                    return CompletableFuture.completedFuture(TaskResult.of(Json.object()));
                },
                new VirtualClock(TestEngines.START, Duration.ofSeconds(5)))) {
            self.set(engine);
            var execution = run(engine, WAIT_FOR_APPROVAL, "{\"order\": 7}");
            assertThat(execution.error()).isEqualTo("Rejected");
            assertThat(execution.cause()).isEqualTo("not today");
        }
    }

    @Test
    void aDayLongWaitForAnAnswerThatNeverComesTimesOutInstantlyOnTheVirtualClock() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (var engine = engine(request -> CompletableFuture.completedFuture(TaskResult.of(Json.object())), clock)) {
            var execution = run(engine, WAIT_FOR_APPROVAL.replace("\"HeartbeatSeconds\": 3600,", ""), "{\"order\": 7}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Timeout");
            assertThat(clock.now()).isEqualTo(TestEngines.START.plusSeconds(86400));
            assertThat(types(execution)).containsSubsequence("TaskSubmitted", "TaskTimedOut", "ExecutionFailed");
        }
    }

    @Test
    void heartbeatsKeepTheTaskAliveAndTheirAbsenceTimesItOut() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (var engine = engine(request -> CompletableFuture.completedFuture(TaskResult.of(Json.object())), clock)) {
            var execution = run(engine, WAIT_FOR_APPROVAL, "{\"order\": 7}");
            assertThat(execution.error()).isEqualTo("States.Timeout");
            assertThat(clock.now()).isEqualTo(TestEngines.START.plusSeconds(3600)); // the heartbeat deadline, not 24 h
        }
    }

    @Test
    void aMissedHeartbeatIsReportedAsStatesTimeoutAndCaughtAsStatesHeartbeatTimeout() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        AtomicInteger sent = new AtomicInteger();
        try (var engine = engine(
                request -> {
                    sent.incrementAndGet();
                    return CompletableFuture.completedFuture(TaskResult.of(Json.object()));
                },
                clock)) {
            var execution = run(engine, json("""
          {'StartAt': 'Ask', 'States': {
            'Ask': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              'HeartbeatSeconds': 60, 'TimeoutSeconds': 3600, 'Parameters': {'QueueUrl': 'q', 'MessageBody': 'm'},
              'Retry': [{'ErrorEquals': ['States.HeartbeatTimeout'], 'MaxAttempts': 1, 'IntervalSeconds': 1}],
              'Catch': [{'ErrorEquals': ['States.HeartbeatTimeout'], 'Next': 'Late'}], 'End': true},
            'Late': {'Type': 'Pass', 'End': true}}}
          """), "{}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(sent).hasValue(2); // retried once on the heartbeat timeout, then caught
            assertThat(execution.output()).isEqualTo(Json.parse("{\"Error\": \"States.Timeout\", \"Cause\": null}"));
            assertThat(execution.history().stream()
                            .filter(e -> e.type().equals("TaskTimedOut"))
                            .map(e -> e.details().get("error").asText()))
                    .containsExactly("States.Timeout", "States.Timeout");
        }
    }

    @Test
    void taskTimeoutsAreNotHeartbeatTimeoutsButStatesTimeoutMatchesBoth() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (var engine = engine(request -> CompletableFuture.completedFuture(TaskResult.of(Json.object())), clock)) {
            String definition = json("""
          {'StartAt': 'Ask', 'States': {
            'Ask': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              %s 'Parameters': {'QueueUrl': 'q', 'MessageBody': 'm'},
              'Catch': [{'ErrorEquals': ['%s'], 'Next': 'Late'}], 'End': true},
            'Late': {'Type': 'Pass', 'Result': 'caught', 'End': true}}}
          """);
            var timeout = run(engine, definition.formatted("\"TimeoutSeconds\": 60,", "States.HeartbeatTimeout"), "{}");
            assertThat(timeout.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(timeout.error()).isEqualTo("States.Timeout");
            var heartbeat = run(engine, definition.formatted("\"HeartbeatSeconds\": 60,", "States.Timeout"), "{}");
            assertThat(heartbeat.output()).isEqualTo(Json.text("caught"));
            var notTaskFailed =
                    run(engine, definition.formatted("\"HeartbeatSeconds\": 60,", "States.TaskFailed"), "{}");
            assertThat(notTaskFailed.error()).isEqualTo("States.Timeout");
        }
    }

    @Test
    void unknownTokensAreRejectedWithAwsErrorCodes() {
        try (var engine = TestEngines.engine()) {
            assertThatThrownBy(() -> engine.sendTaskSuccess("no-such-token", "{}"))
                    .isInstanceOf(EngineException.class)
                    .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("TaskDoesNotExist"));
            assertThatThrownBy(() -> engine.sendTaskHeartbeat(""))
                    .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("InvalidToken"));
        }
    }
}
