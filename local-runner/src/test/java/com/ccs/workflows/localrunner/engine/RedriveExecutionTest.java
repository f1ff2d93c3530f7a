package com.ccs.workflows.localrunner.engine;

import static com.ccs.workflows.localrunner.testing.TestEngines.json;
import static com.ccs.workflows.localrunner.testing.TestEngines.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.clock.VirtualClock;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.ContextObject;
import com.ccs.workflows.localrunner.tasks.TaskInvoker;
import com.ccs.workflows.localrunner.tasks.TaskRequest;
import com.ccs.workflows.localrunner.tasks.TaskResult;
import com.ccs.workflows.localrunner.testing.TestEngines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RedriveExecutionTest {
    private static final Duration AWAIT = Duration.ofSeconds(20);

    /**
     * Answers each Task by its state name, counting the calls and keeping their payloads; a state without an
     * answer returns {@code {"Payload": {}}}.
     */
    private static final class Stub implements TaskInvoker {
        private final Map<String, List<TaskRequest>> calls = new ConcurrentHashMap<>();
        private final Map<String, BiFunction<Integer, TaskRequest, CompletableFuture<TaskResult>>> answers =
                new ConcurrentHashMap<>();

        Stub answer(String state, BiFunction<Integer, TaskRequest, CompletableFuture<TaskResult>> answer) {
            answers.put(state, answer);
            return this;
        }

        @Override
        public CompletableFuture<TaskResult> invoke(TaskRequest request) {
            List<TaskRequest> made = calls.computeIfAbsent(request.stateName(), k -> new CopyOnWriteArrayList<>());
            int call;
            synchronized (made) {
                made.add(request);
                call = made.size() - 1;
            }
            var answer = answers.get(request.stateName());
            return answer == null ? ok("{'Payload': {}}") : answer.apply(call, request);
        }

        List<TaskRequest> calls(String state) {
            return calls.getOrDefault(state, List.of());
        }

        List<JsonNode> payloads(String state) {
            return calls(state).stream().map(TaskRequest::payload).toList();
        }

        void awaitCalls(String state, int count) {
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (calls(state).size() < count) {
                assertThat(System.nanoTime())
                        .as("%s called %d times", state, count)
                        .isLessThan(deadline);
                sleep();
            }
        }
    }

    private static CompletableFuture<TaskResult> ok(String singleQuoted) {
        return CompletableFuture.completedFuture(TaskResult.of(Json.parse(json(singleQuoted))));
    }

    private static CompletableFuture<TaskResult> failure(String error, String cause) {
        return CompletableFuture.failedFuture(new StatesFailure(error, cause));
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An engine whose outside answers get 30 s of real time, so a Task left unanswered waits until stopped. */
    private static Engine patientEngine(TaskInvoker invoker) {
        return TestEngines.engine(invoker, new VirtualClock(TestEngines.START, Duration.ofSeconds(30)));
    }

    private static Execution start(Engine engine, String name, String definition, String input) {
        var machine = engine.createStateMachine(
                name, definition, StateMachineType.STANDARD, "arn:aws:iam::123456789012:role/test");
        return engine.startExecution(machine.arn(), null, input);
    }

    private static List<String> enteredStates(Execution execution) {
        return execution.history().stream()
                .filter(e -> e.type().endsWith("StateEntered"))
                .map(e -> e.details().get("name").asText())
                .toList();
    }

    private static HistoryEvent event(Execution execution, String type) {
        return execution.history().stream()
                .filter(e -> e.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static EngineException engineError(Throwable t) {
        return (EngineException) t;
    }

    private static final String CHECKOUT = json("""
      {'StartAt': 'Prepare', 'States': {
        'Prepare': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
          'Parameters': {'FunctionName': 'prepare', 'Payload.$': '$'},
          'ResultSelector': {'prepared.$': '$.Payload.prepared', 'ticket.$': '$.Payload.ticket'},
          'Assign': {'ticket.$': '$.ticket'}, 'ResultPath': '$.prep', 'Next': 'Charge'},
        'Charge': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
          'Parameters': {'FunctionName': 'charge', 'Payload': {'order.$': '$.order', 'prepared.$': '$.prep.prepared',
            'ticket.$': '$ticket', 'redrives.$': '$$.Execution.RedriveCount', 'started.$': '$$.Execution.StartTime'}},
          'ResultSelector': {'charged.$': '$.Payload.charged', 'redrives.$': '$$.Execution.RedriveCount'},
          'End': true}}}
      """);

    @Test
    void anExecutionStoppedDuringATaskRedrivesThatTaskWithItsInputAndKeepsWhatRanBefore() {
        Stub stub = new Stub()
                .answer("Prepare", (call, r) -> ok("{'Payload': {'prepared': true, 'ticket': 'T-1'}}"))
                .answer(
                        "Charge",
                        (call, r) -> call == 0 ? new CompletableFuture<>() : ok("{'Payload': {'charged': 42}}"));
        try (Engine engine = patientEngine(stub)) {
            Execution execution = start(engine, "checkout", CHECKOUT, "{\"order\": 7}");
            stub.awaitCalls("Charge", 1);
            engine.stopExecution(execution.arn(), "Operator", "stopped to fix the payment service");
            assertThat(engine.await(execution.arn(), AWAIT).status()).isEqualTo(ExecutionStatus.ABORTED);

            assertThat(engine.redriveExecution(execution.arn())).isSameAs(execution);
            Execution redriven = engine.await(execution.arn(), AWAIT);

            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("{\"charged\": 42, \"redrives\": 1}"));
            assertThat(redriven.error()).isNull();
            assertThat(redriven.redriveCount()).isEqualTo(1);
            assertThat(redriven.redriveDate()).isNotNull().isAfterOrEqualTo(redriven.startDate());
            assertThat(redriven.startDate()).isEqualTo(TestEngines.START);
            assertThat(stub.calls("Prepare")).hasSize(1);
            List<JsonNode> charges = stub.payloads("Charge");
            assertThat(charges).hasSize(2);
            assertThat(charges.get(0).at("/Payload/redrives").asInt()).isZero();
            assertThat(charges.get(1).at("/Payload/redrives").asInt()).isEqualTo(1);
            for (JsonNode charge : charges) {
                JsonNode unchanged = ((ObjectNode) charge.get("Payload").deepCopy()).without("redrives");
                assertThat(unchanged).isEqualTo(Json.parse(json("""
            {'order': 7, 'prepared': true, 'ticket': 'T-1', 'started': '2025-01-01T00:00:00.000Z'}""")));
            }

            assertThat(types(redriven))
                    .containsExactly(
                            "ExecutionStarted",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "TaskSucceeded",
                            "TaskStateExited",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "ExecutionAborted",
                            "ExecutionRedriven",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "TaskSucceeded",
                            "TaskStateExited",
                            "ExecutionSucceeded");
            assertThat(enteredStates(redriven)).containsExactly("Prepare", "Charge", "Charge");
            List<HistoryEvent> history = redriven.history();
            HistoryEvent aborted = history.get(9);
            HistoryEvent redrivenEvent = history.get(10);
            assertThat(redrivenEvent.detailsKey()).isEqualTo("executionRedrivenEventDetails");
            assertThat(redrivenEvent.details()).isEqualTo(Json.parse("{\"redriveCount\": 1}"));
            assertThat(redrivenEvent.previousEventId()).isEqualTo(aborted.id());
            assertThat(history.get(11).previousEventId()).isEqualTo(redrivenEvent.id());
            assertThat(history.get(11).details().get("input"))
                    .isEqualTo(history.get(6).details().get("input"));
            assertThat(history).extracting(HistoryEvent::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void aTaskFailingWithAnUncaughtErrorRunsAgainWithFreshRetriesAndTheVariablesAssignedBeforeIt() {
        String definition = json("""
        {'QueryLanguage': 'JSONata', 'StartAt': 'Greet', 'States': {
          'Greet': {'Type': 'Pass', 'Assign': {'greeting': 'hello'}, 'Next': 'Call'},
          'Call': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
            'Arguments': {'FunctionName': 'flaky', 'Payload': {'greeting': '{% $greeting %}',
              'retry': '{% $states.context.State.RetryCount %}', 'execution': '{% $states.context.Execution %}'}},
            'Retry': [{'ErrorEquals': ['Boom'], 'MaxAttempts': 1, 'IntervalSeconds': 5}],
            'Output': '{% $states.result.Payload %}', 'End': true}}}
        """);
        Stub stub = new Stub()
                .answer("Call", (call, r) -> call < 2 ? failure("Boom", "down") : ok("{'Payload': {'done': true}}"));
        try (Engine engine = TestEngines.engine(stub)) {
            Execution execution = start(engine, "flaky", definition, "{}");
            Execution failed = engine.await(execution.arn(), AWAIT);
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.error()).isEqualTo("Boom");
            assertThat(engine.redriveStatus(failed)).isEqualTo(RedriveStatus.REDRIVABLE);

            engine.redriveExecution(execution.arn());
            Execution redriven = engine.await(execution.arn(), AWAIT);

            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("{\"done\": true}"));
            assertThat(redriven.error()).isNull();
            assertThat(redriven.cause()).isNull();
            assertThat(redriven.stopDate()).isNotNull();
            List<JsonNode> payloads =
                    stub.payloads("Call").stream().map(p -> p.get("Payload")).toList();
            assertThat(payloads).extracting(p -> p.get("retry").asInt()).containsExactly(0, 1, 0);
            assertThat(payloads).extracting(p -> p.get("greeting").asText()).containsOnly("hello");
            JsonNode before = payloads.get(0).get("execution");
            JsonNode after = payloads.get(2).get("execution");
            assertThat(before.get("RedriveCount").asInt()).isZero();
            assertThat(before.has("RedriveTime")).isFalse();
            assertThat(after.get("RedriveCount").asInt()).isEqualTo(1);
            assertThat(after.get("RedriveTime").asText()).isEqualTo(ContextObject.timestamp(redriven.redriveDate()));
            assertThat(after.get("StartTime")).isEqualTo(before.get("StartTime"));
            assertThat(enteredStates(redriven)).containsExactly("Greet", "Call", "Call");
            assertThat(types(redriven))
                    .containsSubsequence(
                            "TaskFailed",
                            "ExecutionFailed",
                            "ExecutionRedriven",
                            "TaskStateEntered",
                            "TaskSucceeded",
                            "TaskStateExited",
                            "ExecutionSucceeded");
            assertThat(engine.redriveStatus(redriven))
                    .isEqualTo(new RedriveStatus(false, "Execution is SUCCEEDED and cannot be redriven"));
        }
    }

    @Test
    void anExecutionThatEndedInAFailStateFailsThereAgainWithoutRerunningTheStatesBefore() {
        String definition = json("""
        {'StartAt': 'Charge', 'States': {
          'Charge': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
            'Parameters': {'FunctionName': 'charge'},
            'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.error', 'Next': 'Declined'}], 'End': true},
          'Declined': {'Type': 'Fail', 'Error': 'PaymentDeclined', 'CausePath': '$.error.Cause'}}}
        """);
        Stub stub = new Stub().answer("Charge", (call, r) -> failure("CardDeclined", "insufficient funds"));
        try (Engine engine = TestEngines.engine(stub)) {
            Execution execution = start(engine, "declined", definition, "{\"order\": 7}");
            assertThat(engine.await(execution.arn(), AWAIT).status()).isEqualTo(ExecutionStatus.FAILED);

            engine.redriveExecution(execution.arn());
            Execution once = engine.await(execution.arn(), AWAIT);
            assertThat(once.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(once.error()).isEqualTo("PaymentDeclined");
            assertThat(once.cause()).isEqualTo("insufficient funds");
            assertThat(types(once))
                    .endsWith("ExecutionFailed", "ExecutionRedriven", "FailStateEntered", "ExecutionFailed");

            engine.redriveExecution(execution.arn());
            Execution twice = engine.await(execution.arn(), AWAIT);
            assertThat(twice.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(twice.redriveCount()).isEqualTo(2);
            assertThat(stub.calls("Charge")).hasSize(1);
            assertThat(enteredStates(twice)).containsExactly("Charge", "Declined", "Declined", "Declined");
            assertThat(twice.history().stream()
                            .filter(e -> e.type().equals("ExecutionRedriven"))
                            .map(e -> e.details().get("redriveCount").asInt()))
                    .containsExactly(1, 2);
        }
    }

    @Test
    void aParallelStateRunsAgainOnlyTheBranchThatFailedFromTheStateItFailedIn() {
        String definition = json("""
        {'StartAt': 'Both', 'States': {'Both': {'Type': 'Parallel', 'End': true, 'Branches': [
          {'StartAt': 'Left', 'States': {'Left': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
            'Parameters': {'FunctionName': 'left'}, 'OutputPath': '$.Payload', 'End': true}}},
          {'StartAt': 'Pause', 'States': {
            'Pause': {'Type': 'Wait', 'Seconds': 10, 'Next': 'Right'},
            'Right': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
              'Parameters': {'FunctionName': 'right'}, 'OutputPath': '$.Payload', 'End': true}}}]}}}
        """);
        Stub stub = new Stub()
                .answer("Left", (call, r) -> ok("{'Payload': {'left': 1}}"))
                .answer("Right", (call, r) -> call == 0 ? failure("Boom", "down") : ok("{'Payload': {'right': 2}}"));
        try (Engine engine = TestEngines.engine(stub)) {
            Execution execution = start(engine, "parallel", definition, "{}");
            assertThat(engine.await(execution.arn(), AWAIT).status()).isEqualTo(ExecutionStatus.FAILED);

            engine.redriveExecution(execution.arn());
            Execution redriven = engine.await(execution.arn(), AWAIT);

            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("[{\"left\": 1}, {\"right\": 2}]"));
            assertThat(stub.calls("Left")).hasSize(1);
            assertThat(stub.calls("Right")).hasSize(2);
            List<String> all = types(redriven);
            assertThat(all.subList(all.indexOf("ExecutionRedriven"), all.size()))
                    .containsExactly(
                            "ExecutionRedriven",
                            "ParallelStateEntered",
                            "ParallelStateStarted",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "TaskSucceeded",
                            "TaskStateExited",
                            "ParallelStateSucceeded",
                            "ParallelStateExited",
                            "ExecutionSucceeded");
            assertThat(enteredStates(redriven))
                    .containsExactlyInAnyOrder("Both", "Left", "Pause", "Right", "Both", "Right");
        }
    }

    @Test
    void aMapStateRunsAgainOnlyTheIterationsThatFailed() {
        String definition = json("""
        {'StartAt': 'Each', 'States': {'Each': {'Type': 'Map', 'End': true,
          'ItemProcessor': {'StartAt': 'Pause', 'States': {
            'Pause': {'Type': 'Wait', 'SecondsPath': '$.delay', 'Next': 'Process'},
            'Process': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
              'Parameters': {'FunctionName': 'process', 'Payload.$': '$'}, 'OutputPath': '$.Payload',
              'End': true}}}}}}
        """);
        Stub stub = new Stub().answer("Process", (call, r) -> {
            int id = r.payload().at("/Payload/id").asInt();
            return id == 2 && call < 3 ? failure("Boom", "down") : ok("{'Payload': {'done': " + id + "}}");
        });
        String items = "[{\"id\": 1, \"delay\": 1}, {\"id\": 2, \"delay\": 5}, {\"id\": 3, \"delay\": 1}]";
        try (Engine engine = TestEngines.engine(stub)) {
            Execution execution = start(engine, "map", definition, items);
            assertThat(engine.await(execution.arn(), AWAIT).status()).isEqualTo(ExecutionStatus.FAILED);

            engine.redriveExecution(execution.arn());
            Execution redriven = engine.await(execution.arn(), AWAIT);

            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("[{\"done\": 1}, {\"done\": 2}, {\"done\": 3}]"));
            assertThat(stub.payloads("Process"))
                    .extracting(p -> p.at("/Payload/id").asInt())
                    .containsExactlyInAnyOrder(1, 2, 2, 3);
            List<HistoryEvent> history = redriven.history();
            int from = history.indexOf(event(redriven, "ExecutionRedriven"));
            List<HistoryEvent> after = history.subList(from, history.size());
            assertThat(after)
                    .filteredOn(e -> e.type().equals("MapIterationStarted"))
                    .extracting(e -> e.details().get("index").asInt())
                    .containsExactly(1);
            assertThat(after)
                    .filteredOn(e -> e.type().equals("MapStateStarted"))
                    .extracting(e -> e.details().get("length").asInt())
                    .containsExactly(3);
            // the iteration resumes at the Task that failed: its Wait is not run again
            assertThat(after)
                    .extracting(HistoryEvent::type)
                    .doesNotContain("WaitStateEntered")
                    .endsWith("MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        }
    }

    @Test
    void aTimedOutExecutionIsRedrivenWithItsTimeoutCountedAgainFromTheRedrive() {
        String definition = json("""
        {'StartAt': 'Slow', 'TimeoutSeconds': 10, 'States': {
          'Slow': {'Type': 'Task', 'Resource': 'arn:aws:states:::lambda:invoke',
            'Parameters': {'FunctionName': 'slow'}, 'OutputPath': '$.Payload', 'End': true}}}
        """);
        Stub stub = new Stub()
                .answer(
                        "Slow",
                        (call, r) -> call == 0 ? new CompletableFuture<>() : ok("{'Payload': {'finally': true}}"));
        try (Engine engine = TestEngines.engine(stub)) {
            Execution execution = start(engine, "slow", definition, "{}");
            assertThat(engine.await(execution.arn(), AWAIT).status()).isEqualTo(ExecutionStatus.TIMED_OUT);

            engine.redriveExecution(execution.arn());
            Execution redriven = engine.await(execution.arn(), AWAIT);

            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("{\"finally\": true}"));
            assertThat(types(redriven))
                    .containsSubsequence(
                            "ExecutionTimedOut",
                            "ExecutionRedriven",
                            "TaskStateEntered",
                            "TaskSucceeded",
                            "ExecutionSucceeded");
        }
    }

    @Test
    void aRedrivenCallbackTaskWaitsWithANewTokenAndTheOldOneIsClosed() {
        String definition = json("""
        {'StartAt': 'Approve', 'States': {'Approve': {'Type': 'Task',
          'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'Parameters': {'QueueUrl': 'q', 'MessageBody': {'token.$': '$$.Task.Token'}}, 'End': true}}}
        """);
        Stub stub = new Stub().answer("Approve", (call, r) -> ok("{}"));
        try (Engine engine = patientEngine(stub)) {
            Execution execution = start(engine, "approval", definition, "{}");
            stub.awaitCalls("Approve", 1);
            engine.stopExecution(execution.arn(), null, null);
            engine.await(execution.arn(), AWAIT);

            engine.redriveExecution(execution.arn());
            stub.awaitCalls("Approve", 2);
            String oldToken = stub.calls("Approve").get(0).taskToken();
            String newToken = stub.calls("Approve").get(1).taskToken();
            assertThat(newToken).isNotBlank().isNotEqualTo(oldToken);
            assertThatThrownBy(() -> engine.sendTaskSuccess(oldToken, "{}")).isInstanceOf(EngineException.class);
            engine.sendTaskSuccess(newToken, "{\"approved\": true}");

            Execution redriven = engine.await(execution.arn(), AWAIT);
            assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven.output()).isEqualTo(Json.parse("{\"approved\": true}"));
        }
    }

    @Test
    void runningSucceededExpressAndUnknownExecutionsAreNotRedrivable() {
        String waiting = json("""
        {'StartAt': 'Approve', 'States': {'Approve': {'Type': 'Task',
          'Resource': 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'End': true}}}
        """);
        String hello = json("{'StartAt': 'Hi', 'States': {'Hi': {'Type': 'Pass', 'End': true}}}");
        String failing = json("{'StartAt': 'No', 'States': {'No': {'Type': 'Fail', 'Error': 'No'}}}");
        try (Engine engine = patientEngine(new Stub())) {
            Execution running = start(engine, "waiting", waiting, "{}");
            assertThatThrownBy(() -> engine.redriveExecution(running.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"))
                    .hasMessage("Execution is RUNNING and cannot be redriven");

            Execution succeeded =
                    engine.await(start(engine, "hello", hello, "{}").arn(), AWAIT);
            assertThatThrownBy(() -> engine.redriveExecution(succeeded.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"))
                    .hasMessage("Execution is SUCCEEDED and cannot be redriven");

            var express = engine.createStateMachine("express", failing, StateMachineType.EXPRESS, "arn:role");
            Execution expressFailed = engine.await(
                    engine.startExecution(express.arn(), null, "{}").arn(), AWAIT);
            assertThat(expressFailed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThatThrownBy(() -> engine.redriveExecution(expressFailed.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"));

            assertThatThrownBy(() -> engine.redriveExecution(running.arn().replace("waiting", "nobody")))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionDoesNotExist"));
            assertThat(running.redriveCount()).isZero();
            assertThat(types(running)).doesNotContain("ExecutionRedriven");
        }
    }

    @Test
    void anExecutionIsRedrivableFor14DaysAfterItEndedByTheEngineClock() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(50));
        String failing = json("{'StartAt': 'No', 'States': {'No': {'Type': 'Fail', 'Error': 'No'}}}");
        try (Engine engine = TestEngines.engine(new Stub(), clock)) {
            Execution failed =
                    engine.await(start(engine, "failing", failing, "{}").arn(), AWAIT);
            clock.advance(Duration.ofDays(14).minusSeconds(1));
            assertThat(engine.redriveStatus(failed).redrivable()).isTrue();

            clock.advance(Duration.ofSeconds(1));
            assertThat(engine.redriveStatus(failed))
                    .isEqualTo(new RedriveStatus(false, "Execution redrivable period exceeded"));
            assertThatThrownBy(() -> engine.redriveExecution(failed.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"))
                    .hasMessage("Execution redrivable period exceeded");
        }
    }

    @Test
    void listExecutionsFiltersOnWhetherExecutionsWereRedriven() {
        String failing = json("{'StartAt': 'No', 'States': {'No': {'Type': 'Fail', 'Error': 'No'}}}");
        try (Engine engine = TestEngines.engine(new Stub())) {
            var machine = engine.createStateMachine("failing", failing, StateMachineType.STANDARD, "arn:role");
            Execution first = engine.await(
                    engine.startExecution(machine.arn(), "first", "{}").arn(), AWAIT);
            Execution second = engine.await(
                    engine.startExecution(machine.arn(), "second", "{}").arn(), AWAIT);
            engine.redriveExecution(second.arn());
            engine.await(second.arn(), AWAIT);

            assertThat(engine.listExecutions(machine.arn(), null, true)).containsExactly(second);
            assertThat(engine.listExecutions(machine.arn(), null, false)).containsExactly(first);
            assertThat(engine.listExecutions(machine.arn(), ExecutionStatus.FAILED, null))
                    .containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void anExecutionOfADeletedMachineANearlyYearLongOneAndOneRedrivenAThousandTimesAreNotRedrivable() {
        VirtualClock clock = new VirtualClock(TestEngines.START, Duration.ofMillis(50));
        String failing = json("{'StartAt': 'No', 'States': {'No': {'Type': 'Fail', 'Error': 'No'}}}");
        String late = json("""
        {'StartAt': 'Wait', 'States': {'Wait': {'Type': 'Wait', 'Seconds': 31104000, 'Next': 'No'},
          'No': {'Type': 'Fail', 'Error': 'No'}}}""");
        try (Engine engine = TestEngines.engine(new Stub(), clock)) {
            Execution orphan =
                    engine.await(start(engine, "deleted", failing, "{}").arn(), AWAIT);
            engine.deleteStateMachine(orphan.stateMachineArn());
            assertThatThrownBy(() -> engine.redriveExecution(orphan.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"))
                    .hasMessage("State machine is in DELETING status");

            Execution slow = engine.await(start(engine, "late", late, "{}").arn(), AWAIT); // failed after 360 days
            assertThat(slow.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(engine.redriveStatus(slow).redrivable()).isTrue();
            clock.advance(Duration.ofDays(5)); // within 14 days of its end, but a year after its start
            assertThat(engine.redriveStatus(slow))
                    .isEqualTo(new RedriveStatus(false, "Execution has exceeded the max execution time"));

            Execution often = engine.await(start(engine, "often", failing, "{}").arn(), AWAIT);
            for (int i = 0; i < 1000; i++) {
                engine.redriveExecution(often.arn());
                engine.await(often.arn(), AWAIT);
            }
            assertThat(often.redriveCount()).isEqualTo(1000);
            assertThatThrownBy(() -> engine.redriveExecution(often.arn()))
                    .satisfies(e -> assertThat(engineError(e).code()).isEqualTo("ExecutionNotRedrivable"))
                    .hasMessage("Execution has been redriven the maximum number of times (1000)");
        }
    }
}
