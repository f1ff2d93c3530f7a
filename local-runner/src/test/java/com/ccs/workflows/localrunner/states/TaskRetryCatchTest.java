package com.ccs.workflows.localrunner.states;

import static com.ccs.workflows.localrunner.testing.TestEngines.engine;
import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.run;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TaskRetryCatchTest {
    private static final String RETRYING = json("""
      {'StartAt': 'Call', 'States': {'Call': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
        'Parameters': {'FunctionName': 'f', 'Payload.$': '$'},
        'ResultSelector': {'body.$': '$.Payload', 'attempt.$': '$$.State.RetryCount'}, 'ResultPath': '$.result',
        'Retry': [{'ErrorEquals': ['Busy'], 'IntervalSeconds': 2, 'BackoffRate': 3, 'MaxAttempts': 3,
                   'MaxDelaySeconds': 10}],
        'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.error', 'Next': 'Handled'}],
        'End': true},
        'Handled': {'Type': 'Pass', 'End': true}}}
      """);

    @Test
    void retriesWithBackoffCappedByMaxDelayThenSucceeds() {
        List<Instant> calls = new CopyOnWriteArrayList<>();
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(50));
        try (var engine = engine(
                request -> {
                    calls.add(clock.now());
                    return calls.size() <= 3
                            ? CompletableFuture.failedFuture(new StatesFailure("Busy", "try later"))
                            : CompletableFuture.completedFuture(TaskResult.of(Json.parse("{\"Payload\": \"ok\"}")));
                },
                clock)) {
            var execution = run(engine, RETRYING, "{\"n\": 1}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output())
                    .isEqualTo(Json.parse("{\"n\":1,\"result\":{\"body\":\"ok\",\"attempt\":3}}"));
            // Intervals 2 s, 6 s, then 18 s capped at 10 s.
            assertThat(calls)
                    .containsExactly(
                            TestEngines.START,
                            TestEngines.START.plusSeconds(2),
                            TestEngines.START.plusSeconds(8),
                            TestEngines.START.plusSeconds(18));
        }
    }

    @Test
    void catchesWhatRetryDoesNotHandleAndRecordsTheTaskEvents() {
        try (var engine = engine(request -> CompletableFuture.failedFuture(new StatesFailure("Boom", "it broke")))) {
            var execution = run(engine, RETRYING, "{\"n\": 1}");
            assertThat(execution.output())
                    .isEqualTo(Json.parse("{\"n\":1,\"error\":{\"Error\":\"Boom\",\"Cause\":\"it broke\"}}"));
            assertThat(types(execution))
                    .containsExactly(
                            "ExecutionStarted",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "TaskFailed",
                            "TaskStateExited",
                            "PassStateEntered",
                            "PassStateExited",
                            "ExecutionSucceeded");
        }
    }

    @Test
    void statesAllDoesNotCatchStatesRuntimeAndOutputPathFailuresEscapeCatch() {
        String definition = json("""
        {'StartAt': 'Call', 'States': {'Call': {'Type': 'Task', 'Resource': 'arn:aws:lambda:us-east-1:1:function:f',
          'OutputPath': '$.missing', 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Handled'}], 'End': true},
          'Handled': {'Type': 'Pass', 'End': true}}}
        """);
        try (var engine = engine(request -> CompletableFuture.completedFuture(TaskResult.of(Json.object())))) {
            var execution = run(engine, definition, "{}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Runtime");
            assertThat(types(execution)).contains("LambdaFunctionScheduled", "LambdaFunctionSucceeded");
        }
    }

    @Test
    void aTaskThatNeverAnswersTimesOutOnTheVirtualClock() {
        String definition = json("""
        {'StartAt': 'Call', 'States': {'Call': {'Type': 'Task', 'Resource': 'arn:aws:states:::sqs:sendMessage',
          'TimeoutSecondsPath': '$.timeout', 'End': true}}}
        """);
        try (var engine = engine(request -> new CompletableFuture<TaskResult>())) {
            var execution = run(engine, definition, "{\"timeout\": 86400}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Timeout");
            assertThat(types(execution)).contains("TaskTimedOut");
        }
    }

    @Test
    void theInvokerSeesResourcePayloadAndInvocationCount() {
        List<TaskRequest> requests = new CopyOnWriteArrayList<>();
        try (var engine = engine(request -> {
            requests.add(request);
            return CompletableFuture.completedFuture(TaskResult.of(Json.text("done")));
        })) {
            run(engine, json("""
          {'StartAt': 'A', 'States': {'A': {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:putItem',
            'Parameters': {'TableName': 't', 'Item': {'id': {'S.$': '$.id'}}}, 'Next': 'B'},
            'B': {'Type': 'Task', 'Resource': 'arn:aws:states:::dynamodb:putItem', 'End': true}}}
          """), "{\"id\": \"x\"}");
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).resource().service()).isEqualTo("dynamodb");
        assertThat(requests.get(0).resource().action()).isEqualTo("putItem");
        assertThat(requests.get(0).payload())
                .isEqualTo(Json.parse("{\"TableName\":\"t\",\"Item\":{\"id\":{\"S\":\"x\"}}}"));
        assertThat(requests.get(1).payload()).isEqualTo(Json.text("done"));
        assertThat(requests).extracting(TaskRequest::invocation).containsExactly(0, 0);
    }
}
