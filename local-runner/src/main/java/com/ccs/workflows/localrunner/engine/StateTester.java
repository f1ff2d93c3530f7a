package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.DefinitionParser;
import com.ccs.workflows.localrunner.definition.MapState;
import com.ccs.workflows.localrunner.definition.ParallelState;
import com.ccs.workflows.localrunner.definition.Retrier;
import com.ccs.workflows.localrunner.definition.State;
import com.ccs.workflows.localrunner.definition.TaskState;
import com.ccs.workflows.localrunner.errors.Retries;
import com.ccs.workflows.localrunner.history.HistoryEvent;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.states.Inspection;
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
 * TestState: runs one state on an input, once. The state is wrapped in a throw-away machine whose transition
 * targets are Succeed stubs; its Retry is left out (TestState reports RETRIABLE instead of retrying). At the
 * DEBUG and TRACE inspection levels the answer carries the state's data flow step by step.
 */
final class StateTester {
  private static final String NAME = "TestState";
  private static final List<String> LEVELS = List.of("INFO", "DEBUG", "TRACE");

  /**
   * @param inspectionLevel INFO (or null), DEBUG or TRACE
   * @param variables the variables in the state's scope, a JSON object as text, or null
   */
  record Request(String state, String input, String roleArn, String inspectionLevel, String variables) {}

  private StateTester() {}

  static TestStateResult test(Engine engine, Request request, Duration timeout) {
    JsonNode state = parseState(request.state());
    String level = request.inspectionLevel() == null ? "INFO" : request.inspectionLevel();
    if (!LEVELS.contains(level)) {
      throw new EngineException("ValidationException", "1 validation error detected: Value '" + level
          + "' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: " + LEVELS);
    }
    Map<String, JsonNode> variables = variables(request.variables());
    List<Retrier> retriers = retriers(state);
    ObjectNode definition = wrap(state, false);
    Inspection inspection = level.equals("INFO") ? null : new Inspection(NAME);
    // A machine of its own, removed again so that ListStateMachines does not show it.
    StateMachine machine = engine.createStateMachine("test-state-" + UUID.randomUUID(), Json.write(definition),
        StateMachineType.STANDARD, request.roleArn());
    Execution execution;
    try {
      String input = request.input() == null ? "{}" : request.input();
      execution = engine.await(engine.startExecution(machine.arn(), null, input, variables, inspection).arn(),
          timeout);
    } finally {
      engine.deleteStateMachine(machine.arn());
    }
    if (execution.status() == ExecutionStatus.RUNNING) {
      engine.stopExecution(execution.arn(), null, null);
      throw new EngineException("ValidationException", "The state did not finish within " + timeout);
    }
    List<HistoryEvent> history = execution.history();
    String next = history.stream().filter(e -> e.type().endsWith("StateEntered"))
        .map(e -> e.details().get("name").asText()).skip(1).findFirst().orElse(null);
    ObjectNode inspectionData = inspection == null ? null : inspectionData(inspection);
    if (execution.status() == ExecutionStatus.FAILED) {
      boolean retriable = Retries.matchingRetrier(retriers, execution.error()) >= 0;
      return new TestStateResult(retriable ? "RETRIABLE" : "FAILED", null, execution.error(), execution.cause(),
          null, inspectionData);
    }
    JsonNode output = history.stream()
        .filter(e -> e.type().endsWith("StateExited") && NAME.equals(e.details().path("name").asText()))
        .map(e -> Json.parse(e.details().get("output").asText())).findFirst().orElse(execution.output());
    boolean caught = history.stream().anyMatch(e -> e.type().endsWith("Failed") && !e.type().startsWith("Execution"));
    return new TestStateResult(caught ? "CAUGHT_ERROR" : "SUCCEEDED", output, null, null, next, inspectionData);
  }

  /** InspectionData: every step as JSON text, as the API sends it. */
  private static ObjectNode inspectionData(Inspection inspection) {
    ObjectNode data = Json.object();
    inspection.data().forEach((field, value) -> data.put(field, Json.write(value)));
    return data;
  }

  private static Map<String, JsonNode> variables(String text) {
    if (text == null) {
      return Map.of();
    }
    JsonNode parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw new EngineException("ValidationException",
          "The field 'variables' must be a JSON object of variable names and values, got: " + text);
    }
    Map<String, JsonNode> variables = new LinkedHashMap<>();
    parsed.properties().forEach(e -> variables.put(e.getKey(), e.getValue()));
    return variables;
  }

  private static JsonNode parseState(String stateJson) {
    try {
      JsonNode state = Json.parse(stateJson);
      if (!state.isObject()) {
        throw new IllegalArgumentException("not an object");
      }
      return state;
    } catch (IllegalArgumentException e) {
      throw new EngineException("InvalidDefinition", "Invalid State Definition: '" + e.getMessage() + "'");
    }
  }

  /** The state's Retry, read through the real parser so that defaults apply. */
  private static List<Retrier> retriers(JsonNode state) {
    ObjectNode probe = wrap(state, true);
    State parsed = DefinitionParser.parse(probe).program().state(NAME);
    return switch (parsed) {
      case TaskState t -> t.retry();
      case ParallelState p -> p.retry();
      case MapState m -> m.retry();
      default -> List.of();
    };
  }

  private static ObjectNode wrap(JsonNode state, boolean keepRetry) {
    ObjectNode copy = ((ObjectNode) state).deepCopy();
    if (!keepRetry) {
      copy.remove("Retry");
    }
    ObjectNode definition = Json.object().put("StartAt", NAME);
    ObjectNode states = definition.putObject("States");
    states.set(NAME, copy);
    for (String target : targets(copy)) {
      if (!target.equals(NAME)) {
        states.putObject(target).put("Type", "Succeed");
      }
    }
    return definition;
  }

  private static Set<String> targets(JsonNode state) {
    Set<String> targets = new LinkedHashSet<>();
    if (state.path("Next").isTextual()) {
      targets.add(state.get("Next").textValue());
    }
    if (state.path("Default").isTextual()) {
      targets.add(state.get("Default").textValue());
    }
    state.path("Choices").forEach(c -> {
      if (c.path("Next").isTextual()) {
        targets.add(c.get("Next").textValue());
      }
    });
    state.path("Catch").forEach(c -> {
      if (c.path("Next").isTextual()) {
        targets.add(c.get("Next").textValue());
      }
    });
    return targets;
  }
}
