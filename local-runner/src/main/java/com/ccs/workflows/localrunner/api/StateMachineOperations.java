package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine, DeleteStateMachine and
 * DescribeStateMachineForExecution. Logging, tracing, tags, versions and encryption settings are accepted and
 * not kept: every machine describes itself with logging OFF and tracing disabled.
 */
final class StateMachineOperations {
  static final List<String> TYPES = List.of("STANDARD", "EXPRESS");
  static final int MAX_DEFINITION = 1_048_576;

  private final Engine engine;

  StateMachineOperations(Engine engine) {
    this.engine = engine;
  }

  ObjectNode create(ApiRequest request) {
    String name = request.requiredString("name", 1, 80);
    String definition = request.requiredString("definition", 1, MAX_DEFINITION);
    String roleArn = Arns.role(request.requiredString("roleArn", 1, 256));
    String type = request.optionalEnum("type", TYPES);
    StateMachine machine = engine.createStateMachine(name, definition,
        type == null ? StateMachineType.STANDARD : StateMachineType.valueOf(type), roleArn);
    ObjectNode out = Json.object().put("stateMachineArn", machine.arn());
    out.put("creationDate", Shapes.timestamp(machine.creationDate()));
    return out;
  }

  ObjectNode describe(ApiRequest request) {
    String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
    return Shapes.describeStateMachine(engine.describeStateMachine(arn));
  }

  ObjectNode list(ApiRequest request) {
    int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
    String token = request.optionalString("nextToken", 1, 1024);
    Pages.Page<StateMachine> page = Pages.page(engine.listStateMachines(),
        m -> Pages.instantKey(m.creationDate(), false) + " " + m.arn(), "ListStateMachines", token, maxResults);
    ObjectNode out = Json.object();
    var items = out.putArray("stateMachines");
    page.items().forEach(m -> items.add(Shapes.stateMachineListItem(m)));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  ObjectNode update(ApiRequest request) {
    String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
    String definition = request.optionalString("definition", 1, MAX_DEFINITION);
    String roleArn = request.optionalString("roleArn", 1, 256);
    if (roleArn != null) {
      Arns.role(roleArn);
    }
    if (definition == null && roleArn == null && !request.has("loggingConfiguration")
        && !request.has("tracingConfiguration")) {
      throw new EngineException("MissingRequiredParameter", "Either the definition, the role ARN, the"
          + " LoggingConfiguration, or the TracingConfiguration must be specified");
    }
    engine.updateStateMachine(arn, definition, roleArn);
    ObjectNode out = Json.object();
    out.put("updateDate", Shapes.timestamp(engine.config().clock().now()));
    return out;
  }

  ObjectNode delete(ApiRequest request) {
    engine.deleteStateMachine(Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256)));
    return Json.object();
  }

  /** The machine an execution belongs to (as it is now: the engine does not keep earlier revisions). */
  ObjectNode describeForExecution(ApiRequest request) {
    String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
    Execution execution = engine.describeExecution(arn);
    StateMachine machine = engine.describeStateMachine(execution.stateMachineArn());
    ObjectNode out = Json.object().put("stateMachineArn", machine.arn()).put("name", machine.name())
        .put("definition", machine.definitionText()).put("roleArn", machine.roleArn());
    out.put("updateDate", Shapes.timestamp(machine.creationDate()));
    out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
    out.putObject("tracingConfiguration").put("enabled", false);
    return out;
  }
}
