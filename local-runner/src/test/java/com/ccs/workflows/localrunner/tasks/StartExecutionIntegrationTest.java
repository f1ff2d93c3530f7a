package com.ccs.workflows.localrunner.tasks;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestEngines;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code states:startExecution} in its four patterns, the child running in the parent's engine. */
class StartExecutionIntegrationTest {
    private static final String CHILD = json("""
      {'StartAt': 'Check', 'States': {
        'Check': {'Type': 'Choice', 'Choices': [{'Variable': '$.fail', 'IsPresent': true, 'Next': 'Boom'}],
                  'Default': 'Wait'},
        'Wait': {'Type': 'Wait', 'Seconds': 3600, 'Next': 'Done'},
        'Done': {'Type': 'Pass', 'Parameters': {'doubled.$': 'States.MathAdd($.n, $.n)'}, 'End': true},
        'Boom': {'Type': 'Fail', 'Error': 'Child.Failed', 'Cause': 'asked to fail'}}}
      """);

    private final Engine engine = TestEngines.engine(); // a RoutingTaskInvoker without routes
    private final String childArn = engine.createStateMachine(
                    "child", CHILD, StateMachineType.STANDARD, "arn:aws:iam::123456789012:role/child")
            .arn();

    @AfterEach
    void close() {
        engine.close();
    }

    private Execution parent(String resource, String parameters, String input) {
        String definition = json("""
        {'StartAt': 'Start', 'States': {'Start': {'Type': 'Task', 'Resource': '%s', 'Parameters': %s,
          'End': true}}}
        """.formatted(resource, parameters));
        return TestEngines.run(engine, definition, input);
    }

    private String params(String name) {
        return json("{'StateMachineArn': '%s', 'Name': '%s', 'Input': {'n.$': '$.n'}}".formatted(childArn, name));
    }

    @Test
    void requestResponseStartsTheChildAndReturnsItsArnAndStartDate() {
        Execution execution = parent("arn:aws:states:::states:startExecution", params("rr"), "{\"n\": 2}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String childExecution = execution.output().path("ExecutionArn").asText();
        assertThat(childExecution).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:child:rr");
        assertThat(execution.output().path("StartDate").isIntegralNumber()).isTrue();
        assertThat(execution.output().at("/SdkHttpMetadata/HttpStatusCode").asInt())
                .isEqualTo(200);
        Execution child = engine.await(childExecution, Duration.ofSeconds(10));
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(child.output()).isEqualTo(Json.parse("{\"doubled\": 4}"));
    }

    @Test
    void syncWaitsForTheChildAndReturnsItsDescriptionWithInputAndOutputAsText() {
        Execution execution = parent("arn:aws:states:::states:startExecution.sync", params("sync"), "{\"n\": 3}");

        assertThat(execution.status()).as(execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = execution.output();
        assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.path("Output").asText()).isEqualTo("{\"doubled\":6}");
        assertThat(out.path("Input").asText()).isEqualTo("{\"n\":3}");
        assertThat(out.path("Name").asText()).isEqualTo("sync");
        assertThat(out.path("StateMachineArn").asText()).isEqualTo(childArn);
        assertThat(out.path("RedriveCount").asInt(-1)).isZero();
        assertThat(out.has("RedriveDate")).isFalse();
        assertThat(out.path("RedriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(out.path("RedriveStatusReason").asText()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        // The child's hour-long Wait passed on the shared virtual clock.
        assertThat(out.path("StopDate").asLong() - out.path("StartDate").asLong())
                .isGreaterThanOrEqualTo(3_600_000L);
        assertThat(types(execution))
                .containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
    }

    @Test
    void sync2ReturnsInputAndOutputAsJson() {
        Execution execution = parent("arn:aws:states:::states:startExecution.sync:2", params("sync2"), "{\"n\": 5}");

        assertThat(execution.output().path("Output")).isEqualTo(Json.parse("{\"doubled\": 10}"));
        assertThat(execution.output().path("Input")).isEqualTo(Json.parse("{\"n\": 5}"));
    }

    @Test
    void aFailedChildFailsASyncTaskWithStatesTaskFailedAndItsDescriptionAsCause() {
        String parameters =
                json("{'StateMachineArn': '%s', 'Name': 'bad', 'Input': {'fail': true}}".formatted(childArn));
        Execution execution = parent("arn:aws:states:::states:startExecution.sync", parameters, "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = Json.parse(execution.cause());
        assertThat(cause.path("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.path("Error").asText()).isEqualTo("Child.Failed");
        assertThat(cause.path("Cause").asText()).isEqualTo("asked to fail");
        // as recorded on AWS: the description of a child that did not succeed has no redrive members
        assertThat(cause.properties()).extracting(Map.Entry::getKey).noneMatch(k -> k.startsWith("Redrive"));
    }

    @Test
    void aSyncTaskJoiningAChildThatWasRedrivenReportsItsRedrive() throws Exception {
        String approval = json("""
        {'StartAt': 'Approve', 'States': {'Approve': {'Type': 'Task',
          'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'Parameters': {'QueueUrl': 'q', 'MessageBody': {'token.$': '$$.Task.Token'}}, 'End': true}}}
        """);
        List<String> tokens = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> joined = new CompletableFuture<>();
        var invoker = new RoutingTaskInvoker()
                .route("arn:aws:states:::sqs:*", request -> {
                    tokens.add(request.taskToken());
                    return CompletableFuture.completedFuture(TaskResult.of(Json.object()));
                })
                .route("arn:aws:states:::states:*", request -> {
                    var job = StartExecutionIntegration.invoke(request);
                    joined.complete(null);
                    return job;
                });
        try (Engine callbacks =
                TestEngines.engine(invoker, new VirtualClock(TestEngines.START, Duration.ofSeconds(10)))) {
            String approvalArn = callbacks
                    .createStateMachine("approval", approval, StateMachineType.STANDARD, "arn:role")
                    .arn();
            Execution child = callbacks.startExecution(approvalArn, "c1", "{\"n\": 1}");
            awaitTokens(tokens, 1);
            callbacks.stopExecution(child.arn(), null, null);
            callbacks.await(child.arn(), Duration.ofSeconds(10));
            callbacks.redriveExecution(child.arn());
            awaitTokens(tokens, 2);

            // Starting the running child again by its name and input joins it, as StartExecution does.
            String definition = json("""
          {'StartAt': 'Start', 'States': {'Start': {'Type': 'Task',
            'Resource': 'arn:aws:states:::states:startExecution.sync',
            'Parameters': {'StateMachineArn': '%s', 'Name': 'c1', 'Input': {'n': 1}}, 'End': true}}}
          """.formatted(approvalArn));
            var machine =
                    callbacks.createStateMachine("parent-sync", definition, StateMachineType.STANDARD, "arn:role");
            Execution parent = callbacks.startExecution(machine.arn(), null, "{}");
            joined.get(10, TimeUnit.SECONDS);
            callbacks.sendTaskSuccess(tokens.get(1), "{\"approved\": true}");

            Execution done = callbacks.await(parent.arn(), Duration.ofSeconds(10));
            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode out = done.output();
            assertThat(out.path("ExecutionArn").asText()).isEqualTo(child.arn());
            assertThat(out.path("RedriveCount").asInt()).isEqualTo(1);
            assertThat(out.path("RedriveDate").asLong())
                    .isEqualTo(child.redriveDate().toEpochMilli());
            assertThat(out.path("RedriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
            assertThat(out.path("RedriveStatusReason").asText())
                    .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        }
    }

    private static void awaitTokens(List<String> tokens, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tokens.size() < count) {
            assertThat(System.nanoTime()).as("%d tokens", count).isLessThan(deadline);
            Thread.yield();
        }
    }

    @Test
    void waitForTaskTokenStartsTheChildAndWaitsForTheTokenItWasGiven() {
        // Outside answers get 10 s of real time here before the task's timeout may pass on the virtual clock.
        try (Engine callbacks = TestEngines.engine(
                new RoutingTaskInvoker(), new VirtualClock(TestEngines.START, Duration.ofSeconds(10)))) {
            callbacks.createStateMachine("child", CHILD, StateMachineType.STANDARD, "arn:role");
            String definition = json("""
          {'StartAt': 'Start', 'States': {'Start': {'Type': 'Task', 'TimeoutSeconds': 86400,
            'Resource': 'arn:aws:states:::states:startExecution.waitForTaskToken',
            'Parameters': {'StateMachineArn': '%s', 'Name': 'cb', 'Input': {'n': 1, 'token.$': '$$.Task.Token'}},
            'End': true}}}
          """.formatted(childArn));
            var machine = callbacks.createStateMachine("parent-cb", definition, StateMachineType.STANDARD, "arn:role");
            Execution parent = callbacks.startExecution(machine.arn(), null, "{}");
            // The child's own work ends; whoever it hands the token to answers for it (here: the test).
            Execution child = callbacks.await(
                    awaitStarted(callbacks, "arn:aws:states:us-east-1:123456789012:execution:child:cb"),
                    Duration.ofSeconds(10));
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(parent.status()).isEqualTo(ExecutionStatus.RUNNING);
            callbacks.sendTaskSuccess(child.input().path("token").asText(), "{\"answered\": true}");

            Execution done = callbacks.await(parent.arn(), Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo(Json.parse("{\"answered\": true}"));
        }
    }

    /** The child's ARN once the parent's task has started it. */
    private static String awaitStarted(Engine engine, String arn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return engine.describeExecution(arn).arn();
            } catch (EngineException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    @Test
    void anUnknownStateMachineIsTheServiceErrorTheIntegrationReports() {
        String parameters = json("{'StateMachineArn': 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'}");
        Execution execution = parent("arn:aws:states:::states:startExecution", parameters, "{}");

        assertThat(execution.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
        assertThat(execution.cause()).contains("State Machine Does Not Exist").contains("Service: Sfn");
    }

    @Test
    void aParentTimingOutStopsItsSyncChild() {
        String definition = json("""
        {'StartAt': 'Start', 'States': {'Start': {'Type': 'Task', 'TimeoutSeconds': 60,
          'Resource': 'arn:aws:states:::states:startExecution.sync',
          'Parameters': {'StateMachineArn': '%s', 'Name': 'slow', 'Input': {'n': 1}}, 'End': true}}}
        """.formatted(childArn));
        Execution execution = TestEngines.run(engine, definition, "{}");

        assertThat(execution.error()).isEqualTo("States.Timeout");
        Execution child =
                engine.await("arn:aws:states:us-east-1:123456789012:execution:child:slow", Duration.ofSeconds(10));
        assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED);
    }
}
