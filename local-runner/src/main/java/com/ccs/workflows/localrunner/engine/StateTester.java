package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.states.StateUnderTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * TestState: runs one state on an input, once, as AWS's TestState API does. The state (given alone, or named in
 * a whole machine) runs in a throw-away machine whose transition targets are Succeed stubs, so the state it
 * would go to next is the one the stub stands for. A mock answers in place of its work; its Retry is not run but
 * reported (RETRIABLE, with the index of the Retry and the backoff of the next try); a Catch that catches the
 * error makes it CAUGHT_ERROR. The machine and the execution are removed afterwards: ListStateMachines and the
 * engine's memory do not keep them.
 */
final class StateTester {
    /** The name of a state given on its own. */
    private static final String SINGLE_STATE = "TestState";
    /** TestState runs a state for at most five minutes, then fails with States.Timeout (by the engine's clock). */
    private static final int MAX_SECONDS = 300;

    private static final Duration REAL_TIME_BOUND = Duration.ofMinutes(6);
    /** InspectionData members that are numbers rather than JSON text. */
    private static final Set<String> NUMERIC =
            Set.of("maxConcurrency", "toleratedFailureCount", "toleratedFailurePercentage");

    private StateTester() {}

    static TestStateResult test(Engine engine, TestStateRequest request) {
        StateLocator.Located located = locate(request);
        JsonNode mockResult = TestStateRules.check(request, located.state());
        StateUnderTest underTest =
                new StateUnderTest(located.name(), mock(request, mockResult), situation(request), context(request));
        Map<String, JsonNode> variables = variables(request.variables());
        String level = request.inspectionLevel() == null ? "INFO" : request.inspectionLevel();

        StateMachine machine = engine.createStateMachine(
                "test-state-" + UUID.randomUUID(),
                Json.write(wrap(located)),
                StateMachineType.STANDARD,
                request.roleArn());
        Execution execution;
        try {
            String input = request.input() == null ? "{}" : request.input();
            execution = engine.await(
                    engine.startExecution(machine.arn(), null, input, variables, underTest)
                            .arn(),
                    REAL_TIME_BOUND);
        } finally {
            engine.deleteStateMachine(machine.arn());
        }
        try {
            if (execution.status() == ExecutionStatus.RUNNING) {
                engine.stopExecution(execution.arn(), null, null);
                throw new EngineException("ValidationException", "The state did not finish within " + REAL_TIME_BOUND);
            }
            return result(
                    execution, located.name(), underTest, level.equals("INFO") ? null : inspectionData(underTest));
        } finally {
            engine.forget(execution);
        }
    }

    private static TestStateResult result(
            Execution execution, String name, StateUnderTest underTest, ObjectNode inspectionData) {
        StateUnderTest.Handling handling = underTest.handling();
        if (handling != null && handling.retriable()) {
            return new TestStateResult("RETRIABLE", null, handling.error(), handling.cause(), null, inspectionData);
        }
        if (execution.status() == ExecutionStatus.TIMED_OUT) {
            return new TestStateResult(
                    "FAILED",
                    null,
                    "States.Timeout",
                    "The state did not finish within " + MAX_SECONDS + " seconds.",
                    null,
                    inspectionData);
        }
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            return new TestStateResult("FAILED", null, execution.error(), execution.cause(), null, inspectionData);
        }
        List<HistoryEvent> history = execution.history();
        String next = history.stream()
                .filter(e -> e.type().endsWith("StateEntered"))
                .map(e -> e.details().get("name").asText())
                .skip(1)
                .findFirst()
                .orElse(null);
        JsonNode output = history.stream()
                .filter(e -> e.type().endsWith("StateExited")
                        && name.equals(e.details().path("name").asText()))
                .map(e -> PooledJson.parse(e.details().get("output").asText()))
                .findFirst()
                .orElse(execution.output());
        if (handling != null && handling.catchIndex() != null) {
            return new TestStateResult(
                    "CAUGHT_ERROR", output, handling.error(), handling.cause(), next, inspectionData);
        }
        return new TestStateResult("SUCCEEDED", output, null, null, next, inspectionData);
    }

    /** InspectionData: every step as JSON text as the API sends it, a Map's numbers as numbers, errorDetails. */
    private static ObjectNode inspectionData(StateUnderTest underTest) {
        ObjectNode data = Json.object();
        underTest.data().forEach((field, value) -> {
            if (NUMERIC.contains(field)) {
                data.set(field, value);
            } else {
                data.put(field, Json.write(value));
            }
        });
        ObjectNode errorDetails = underTest.errorDetails();
        if (errorDetails != null) {
            data.set("errorDetails", errorDetails);
        }
        return data;
    }

    /** The state to test: named in a whole machine, given on its own, or the first state of a machine. */
    private static StateLocator.Located locate(TestStateRequest request) {
        JsonNode definition;
        try {
            definition = Json.parse(request.definition());
        } catch (IllegalArgumentException e) {
            throw new EngineException("InvalidDefinition", "Invalid State Definition: '" + e.getMessage() + "'");
        }
        if (!definition.isObject()) {
            throw new EngineException("InvalidDefinition", "Invalid State Definition: 'not a JSON object'");
        }
        boolean machine = !definition.has("Type") && definition.path("States").isObject();
        if (request.stateName() == null && !machine) {
            // the state alone is the machine: its own language is the machine's
            return new StateLocator.Located(
                    SINGLE_STATE,
                    ((ObjectNode) definition).deepCopy(),
                    definition.path("QueryLanguage").asText("JSONPath"));
        }
        if (!machine) {
            throw TestStateRules.validation(
                    "A definition with stateName must be a state machine definition, with" + " StartAt and States");
        }
        List<String> problems = Engine.validateDefinition(request.definition());
        if (!problems.isEmpty()) {
            throw new EngineException(
                    "InvalidDefinition", "Invalid State Machine Definition: '" + String.join("', '", problems) + "'");
        }
        String name = request.stateName() != null
                ? request.stateName()
                : definition.path("StartAt").asText();
        StateLocator.Located located = StateLocator.find(definition, name, "JSONPath");
        if (located == null) {
            throw TestStateRules.validation("State not found in definition");
        }
        return located;
    }

    /** A machine of the state alone: its Retry kept (run once), every target a Succeed stub. */
    private static ObjectNode wrap(StateLocator.Located located) {
        ObjectNode definition = Json.object()
                .put("QueryLanguage", located.machineLanguage())
                .put("StartAt", located.name())
                .put("TimeoutSeconds", MAX_SECONDS);
        ObjectNode states = definition.putObject("States");
        states.set(located.name(), located.state());
        for (String target : targets(located.state())) {
            if (!target.equals(located.name())) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        return definition;
    }

    private static Set<String> targets(JsonNode state) {
        Set<String> targets = new LinkedHashSet<>();
        addText(targets, state.path("Next"));
        addText(targets, state.path("Default"));
        state.path("Choices").forEach(c -> addText(targets, c.path("Next")));
        state.path("Catch").forEach(c -> addText(targets, c.path("Next")));
        return targets;
    }

    private static void addText(Set<String> targets, JsonNode node) {
        if (node.isTextual()) {
            targets.add(node.textValue());
        }
    }

    private static StateUnderTest.Mock mock(TestStateRequest request, JsonNode result) {
        TestStateRequest.Mock mock = request.mock();
        if (mock == null) {
            return null;
        }
        if (result != null) {
            return new StateUnderTest.Mock(result, null, null);
        }
        return new StateUnderTest.Mock(
                null, mock.errorOutput().error(), mock.errorOutput().cause());
    }

    private static StateUnderTest.Situation situation(TestStateRequest request) {
        TestStateRequest.Configuration c = request.configuration();
        JsonNode items = null;
        if (c.mapItemReaderData() != null) {
            try {
                items = Json.parse(c.mapItemReaderData());
            } catch (IllegalArgumentException e) {
                throw TestStateRules.validation("The field 'mapItemReaderData' must be JSON: " + e.getMessage());
            }
        }
        return new StateUnderTest.Situation(
                c.retrierRetryCount() == null ? 0 : c.retrierRetryCount(), c.mapIterationFailureCount(), items);
    }

    private static ObjectNode context(TestStateRequest request) {
        if (request.context() == null) {
            return null;
        }
        return (ObjectNode) jsonObject(
                request.context(),
                "context",
                "a JSON object of context object fields (Execution, State, StateMachine, Task, Map)");
    }

    private static Map<String, JsonNode> variables(String text) {
        if (text == null) {
            return Map.of();
        }
        JsonNode parsed = jsonObject(text, "variables", "a JSON object of variable names and values");
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        parsed.properties().forEach(e -> variables.put(e.getKey(), e.getValue()));
        return variables;
    }

    private static JsonNode jsonObject(String text, String field, String what) {
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw TestStateRules.validation("The field '" + field + "' must be " + what + ", got: " + text);
        }
        return parsed;
    }
}
