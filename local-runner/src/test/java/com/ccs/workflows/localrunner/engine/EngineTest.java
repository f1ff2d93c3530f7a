package com.ccs.workflows.localrunner.engine;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.clock.SystemClock;
import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.CallbackRegistry;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static final String HELLO = json("""
      {'StartAt': 'Hello', 'States': {'Hello': {'Type': 'Pass', 'Result': {'hello': 'world'}, 'End': true}}}
      """);

    private static EngineException codeOf(Throwable t) {
        return (EngineException) t;
    }

    @Test
    void createsDescribesAndListsStateMachinesWithAwsArns() {
        try (Engine engine = TestEngines.engine()) {
            StateMachine m = engine.createStateMachine("hello", HELLO, StateMachineType.STANDARD, "arn:role");
            assertThat(m.arn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:hello");
            assertThat(engine.createStateMachine("hello", HELLO, StateMachineType.STANDARD, "arn:role"))
                    .isSameAs(m);
            assertThat(engine.listStateMachines())
                    .extracting(StateMachine::name)
                    .containsExactly("hello");
            assertThatThrownBy(() -> engine.createStateMachine("hello", HELLO.replace("world", "x"), null, "arn:role"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("StateMachineAlreadyExists"));
            assertThatThrownBy(() -> engine.createStateMachine("bad", "{\"States\": {}}", null, "arn:role"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("InvalidDefinition"));
            assertThatThrownBy(
                            () -> engine.describeStateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:x"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("StateMachineDoesNotExist"));
        }
    }

    @Test
    void aNameOver80CharactersAndAnInputOver256KiBAreRefusedWithoutQuotingThem() {
        try (Engine engine = TestEngines.engine()) {
            StateMachine m = engine.createStateMachine("limits", HELLO, StateMachineType.STANDARD, "arn:role");
            String longName = "n".repeat(81);
            String bigInput = "{\"a\": \"" + "\u00e9".repeat(131_072) + "\"}"; // 262,152 bytes of UTF-8

            assertThatThrownBy(() -> engine.startExecution(m.arn(), longName, "{}"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("ValidationException"))
                    .hasMessageContaining("'name'")
                    .hasMessageNotContaining(longName);
            assertThatThrownBy(() -> engine.startExecution(m.arn(), "big", bigInput))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("ValidationException"))
                    .hasMessageContaining("'input'")
                    .hasMessageNotContaining("\u00e9\u00e9");
            assertThat(engine.startExecution(m.arn(), "n".repeat(80), "{\"a\": \"" + "e".repeat(200_000) + "\"}")
                            .name())
                    .hasSize(80);
        }
    }

    @Test
    void aStateMachineArnOfAnotherAccountNamesThisAccountsMachineOfTheSameRegionAndName() {
        try (Engine engine = TestEngines.engine()) {
            StateMachine m = engine.createStateMachine(
                    "ccs-prod-emergency-workflow", HELLO, StateMachineType.STANDARD, "arn:role");
            String asInTheModuleDescription =
                    "arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-emergency-workflow";

            Execution started = engine.startExecution(asInTheModuleDescription, "verbatim", "{}");

            assertThat(started.stateMachineArn()).isEqualTo(m.arn());
            assertThat(engine.describeStateMachine(asInTheModuleDescription)).isSameAs(m);
            assertThat(engine.listExecutions(asInTheModuleDescription, null))
                    .extracting(Execution::arn)
                    .containsExactly(started.arn());
            assertThatThrownBy(() -> engine.describeStateMachine(
                            "arn:aws:states:eu-west-1:123456789:stateMachine:ccs-prod-emergency-workflow"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("StateMachineDoesNotExist"));
            assertThatThrownBy(() -> engine.describeStateMachine(
                            "arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-business-workflow"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("StateMachineDoesNotExist"));
        }
    }

    @Test
    void runsAnExecutionAndRecordsItsHistoryLikeGetExecutionHistory() {
        try (Engine engine = TestEngines.engine()) {
            Execution execution = TestEngines.run(engine, HELLO, "{\"in\": 1}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.arn()).startsWith("arn:aws:states:us-east-1:123456789012:execution:");
            List<HistoryEvent> history = engine.getExecutionHistory(execution.arn());
            assertThat(history)
                    .extracting(HistoryEvent::type)
                    .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(history).extracting(HistoryEvent::previousEventId).containsExactly(0L, 0L, 2L, 3L);
            assertThat(history.get(1).details().get("input").asText()).isEqualTo("{\"in\":1}");
            assertThat(history.get(3).detailsKey()).isEqualTo("executionSucceededEventDetails");
            assertThat(history.get(3).details().get("output").asText()).isEqualTo("{\"hello\":\"world\"}");
        }
    }

    @Test
    void executionNamesAreUniqueExceptForAnIdempotentRestartOfARunningExecution() {
        String waiting = json("""
        {'StartAt': 'W', 'States': {'W': {'Type': 'Task',
          'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'End': true}}}
        """);
        var config = new EngineConfig(
                SystemClock.INSTANCE,
                request -> CompletableFuture.completedFuture(TaskResult.of(Json.object())),
                new CallbackRegistry(),
                "us-east-1",
                "123456789012");
        try (Engine engine = new Engine(config)) {
            var machine = engine.createStateMachine("w", waiting, StateMachineType.STANDARD, "arn:role");
            Execution first = engine.startExecution(machine.arn(), "run-1", "{\"a\":1}");
            assertThat(engine.startExecution(machine.arn(), "run-1", "{\"a\": 1}"))
                    .isSameAs(first);
            assertThatThrownBy(() -> engine.startExecution(machine.arn(), "run-1", "{\"a\":2}"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("ExecutionAlreadyExists"));
            assertThatThrownBy(() -> engine.startExecution(machine.arn(), "bad name", "{}"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("InvalidName"));
            assertThatThrownBy(() -> engine.startExecution(machine.arn(), "x", "{nope"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("InvalidExecutionInput"));

            engine.stopExecution(first.arn(), "Cancelled", "by test");
            Execution stopped = engine.await(first.arn(), Duration.ofSeconds(10));
            assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(stopped.completion()).isDone();
            assertThat(types(stopped)).endsWith("ExecutionAborted");
            assertThat(engine.listExecutions(machine.arn(), ExecutionStatus.ABORTED))
                    .containsExactly(stopped);
            assertThat(engine.listExecutions(machine.arn(), ExecutionStatus.RUNNING))
                    .isEmpty();
        }
    }

    @Test
    void theMachineTimeoutEndsAnExecutionAsTimedOutOnTheVirtualClock() {
        try (Engine engine = TestEngines.engine()) {
            Execution execution = TestEngines.run(engine, json("""
          {'StartAt': 'W', 'TimeoutSeconds': 60, 'States': {'W': {'Type': 'Wait', 'Seconds': 3600, 'End': true}}}
          """), "{}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(types(execution)).endsWith("ExecutionTimedOut");
        }
    }

    @Test
    void expressExecutionsGetExpressArnsAndNoRedriveCount() {
        try (Engine engine = TestEngines.engine()) {
            var machine = engine.createStateMachine("x", json("""
          {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Parameters': {'e.$': '$$.Execution'}, 'End': true}}}
          """), StateMachineType.EXPRESS, "arn:role");
            Execution execution = engine.startSyncExecution(machine.arn(), "n", "{}", Duration.ofSeconds(10));
            assertThat(execution.arn()).matches("arn:aws:states:us-east-1:123456789012:express:x:n:[0-9a-f-]{36}");
            assertThat(execution.output().get("e").has("RedriveCount")).isFalse();
        }
    }

    @Test
    void anExecutionWaitingForAnAnswerThatNeverComesStillEndsAfterAYearOfVirtualTime() {
        var clock = new VirtualClock(TestEngines.START, Duration.ofMillis(20));
        try (Engine engine = TestEngines.engine(request -> new CompletableFuture<TaskResult>(), clock)) {
            Execution execution = TestEngines.run(engine, json("""
          {'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
            'End': true}}}
          """), "{}");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(clock.now()).isEqualTo(TestEngines.START.plus(Duration.ofDays(365)));
        }
    }

    @Test
    void expressMachinesRejectJobAndCallbackIntegrationsAndStopAfterFiveMinutes() {
        try (Engine engine = TestEngines.engine()) {
            assertThatThrownBy(() -> engine.createStateMachine("cb", json("""
          {'StartAt': 'T', 'States': {'T': {'Type': 'Task',
            'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'End': true}}}
          """), StateMachineType.EXPRESS, "arn:role"))
                    .satisfies(e -> assertThat(codeOf(e).code()).isEqualTo("InvalidDefinition"))
                    .hasMessageContaining("Express state machine does not support '.waitForTaskToken'");
            var machine = engine.createStateMachine("slow", json("""
          {'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'Seconds': 600, 'End': true}}}
          """), StateMachineType.EXPRESS, "arn:role");
            Execution execution = engine.startSyncExecution(machine.arn(), null, "{}", Duration.ofSeconds(10));
            assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        }
    }

    @Test
    void testStateRunsOneStateOnceAndReportsTheOutcome() {
        try (Engine engine =
                TestEngines.engine(request -> request.payload().path("fail").asBoolean()
                        ? CompletableFuture.failedFuture(new StatesFailure("Busy", "later"))
                        : CompletableFuture.completedFuture(TaskResult.of(Json.parse("{\"ok\": true}"))))) {
            TestStateResult choice = engine.testState(json("""
          {'Type': 'Choice', 'Choices': [{'Variable': '$.n', 'NumericGreaterThan': 1, 'Next': 'Big'}],
           'Default': 'Small'}
          """), "{\"n\": 5}", "arn:role");
            assertThat(choice).isEqualTo(new TestStateResult("SUCCEEDED", Json.parse("{\"n\": 5}"), null, null, "Big"));

            String task = json("""
          {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'ResultPath': '$.r', 'Next': 'After',
           'Retry': [{'ErrorEquals': ['Busy']}], 'Catch': [{'ErrorEquals': ['Other'], 'Next': 'Handler'}]}
          """);
            TestStateResult ok = engine.testState(task, "{\"fail\": false}", "arn:role");
            assertThat(ok.status()).isEqualTo("SUCCEEDED");
            assertThat(ok.output()).isEqualTo(Json.parse("{\"fail\": false, \"r\": {\"ok\": true}}"));
            assertThat(ok.nextState()).isEqualTo("After");
            TestStateResult retriable = engine.testState(task, "{\"fail\": true}", "arn:role");
            assertThat(retriable.status()).isEqualTo("RETRIABLE");
            assertThat(retriable.error()).isEqualTo("Busy");
            // Its retries spent (retrierRetryCount 3 of MaxAttempts 3), the error goes to the Catch.
            TestStateResult caught = engine.testState(new TestStateRequest(
                    task.replace("Other", "Busy"),
                    null,
                    "{\"fail\": true}",
                    null,
                    null,
                    null,
                    new TestStateRequest.Configuration(3, null, null, null),
                    null,
                    false,
                    "arn:role"));
            assertThat(caught.status()).isEqualTo("CAUGHT_ERROR");
            assertThat(caught.error()).isEqualTo("Busy");
            assertThat(caught.nextState()).isEqualTo("Handler");
        }
    }

    @Test
    void validationReportsProblemsWithoutCreating() {
        assertThat(Engine.validateDefinition(HELLO)).isEmpty();
        assertThat(Engine.validateDefinition("{\"StartAt\": \"X\", \"States\": {}}"))
                .containsExactly("MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt");
    }
}
