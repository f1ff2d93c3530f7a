package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.engine.StateMachine;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.engine.StateMachineVersion;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine, DeleteStateMachine and
 * DescribeStateMachineForExecution, with {@code publish} (and {@code versionDescription}) publishing a version on
 * create and update, and DescribeStateMachine of a version ARN. Logging, tracing, tags and encryption settings
 * are accepted and not kept: every machine describes itself with logging OFF and tracing disabled.
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
        String versionDescription = versionDescription(request);
        StateMachine machine = engine.createStateMachine(
                name, definition, type == null ? StateMachineType.STANDARD : StateMachineType.valueOf(type), roleArn);
        ObjectNode out = Json.object().put("stateMachineArn", machine.arn());
        out.put("creationDate", Shapes.timestamp(machine.creationDate()));
        if (request.optionalBoolean("publish", false)) {
            out.put(
                    "stateMachineVersionArn",
                    engine.publishStateMachineVersion(machine.arn(), null, versionDescription)
                            .arn());
        }
        return out;
    }

    /** A machine as it is now, or one of its versions as published (its ARN, description and revision). */
    ObjectNode describe(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
        String[] parts = arn.split(":", -1);
        if (parts.length == 8 && parts[7].chars().allMatch(Character::isDigit)) {
            StateMachineVersion version = engine.describeStateMachineVersion(arn);
            ObjectNode out = Shapes.describeStateMachine(version.machine());
            out.put("stateMachineArn", version.arn());
            out.put("creationDate", Shapes.timestamp(version.creationDate()));
            if (version.description() != null) {
                out.put("description", version.description());
            }
            return out;
        }
        return Shapes.describeStateMachine(engine.describeStateMachine(arn));
    }

    /** versionDescription goes only with publish, as on AWS. */
    private static String versionDescription(ApiRequest request) {
        String description = request.optionalString("versionDescription", 0, VersionOperations.MAX_DESCRIPTION);
        if (description != null && !request.optionalBoolean("publish", false)) {
            throw new EngineException(ApiErrors.VALIDATION, "Version description can only be set when publish is true");
        }
        return description;
    }

    ObjectNode list(ApiRequest request) {
        int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
        String token = request.optionalString("nextToken", 1, 1024);
        Pages.Page<StateMachine> page = Pages.page(
                engine.listStateMachines(),
                m -> Pages.instantKey(m.creationDate(), false) + " " + m.arn(),
                "ListStateMachines",
                token,
                maxResults);
        return page.answer("stateMachines", Shapes::stateMachineListItem);
    }

    ObjectNode update(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
        String definition = request.optionalString("definition", 1, MAX_DEFINITION);
        String roleArn = request.optionalString("roleArn", 1, 256);
        if (roleArn != null) {
            Arns.role(roleArn);
        }
        if (definition == null
                && roleArn == null
                && !request.has("loggingConfiguration")
                && !request.has("tracingConfiguration")
                && !request.has("publish")) {
            throw new EngineException(
                    "MissingRequiredParameter",
                    "Either the definition, the role ARN, the"
                            + " LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        String versionDescription = versionDescription(request);
        StateMachine updated = engine.updateStateMachine(arn, definition, roleArn);
        ObjectNode out = Json.object();
        out.put("updateDate", Shapes.timestamp(engine.config().clock().now()));
        if (updated.revisionId() != null) {
            out.put("revisionId", updated.revisionId());
        }
        if (request.optionalBoolean("publish", false)) {
            out.put(
                    "stateMachineVersionArn",
                    engine.publishStateMachineVersion(updated.arn(), null, versionDescription)
                            .arn());
        }
        return out;
    }

    ObjectNode delete(ApiRequest request) {
        engine.deleteStateMachine(Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256)));
        return Json.object();
    }

    /**
     * The machine an execution belongs to: the version it ran when started by a version or alias, else the machine
     * as it is now (the engine keeps no unpublished revisions).
     */
    ObjectNode describeForExecution(ApiRequest request) {
        String arn = Arns.execution(request.requiredString("executionArn", 1, 256));
        Execution execution = engine.describeExecution(arn);
        StateMachine machine = execution.versionArn() == null
                ? engine.describeStateMachine(execution.stateMachineArn())
                : engine.describeStateMachineVersion(execution.versionArn()).machine();
        ObjectNode out = Json.object()
                .put("stateMachineArn", machine.arn())
                .put("name", machine.name())
                .put("definition", machine.definitionText())
                .put("roleArn", machine.roleArn());
        out.put("updateDate", Shapes.timestamp(machine.creationDate()));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }
}
