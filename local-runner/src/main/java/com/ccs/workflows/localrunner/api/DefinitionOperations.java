package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.StateMachineType;
import com.ccs.workflows.localrunner.engine.TestStateRequest;
import com.ccs.workflows.localrunner.engine.TestStateResult;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ValidateStateMachineDefinition and TestState. */
final class DefinitionOperations {
    /** A problem as the engine words it: {@code CODE: message at /location}. */
    private static final Pattern PROBLEM =
            Pattern.compile("([A-Z_]+): (.*?)(?: at (/.*|null))?", Pattern.DOTALL); // "at null": no location

    private static final String INVALID_PREFIX = "Invalid State Machine Definition: '";

    private final Engine engine;

    DefinitionOperations(Engine engine) {
        this.engine = engine;
    }

    ObjectNode validate(ApiRequest request) {
        String definition = request.requiredString("definition", 1, StateMachineOperations.MAX_DEFINITION);
        String type = request.optionalEnum("type", StateMachineOperations.TYPES);
        request.optionalEnum("severity", List.of("ERROR", "WARNING"));
        int maxResults = request.optionalInt("maxResults", 0, 100, 0);
        List<String> problems = problems(definition, "EXPRESS".equals(type));
        int limit = maxResults == 0 ? 100 : maxResults;
        ObjectNode out = Json.object().put("result", problems.isEmpty() ? "OK" : "FAIL");
        ArrayNode diagnostics = out.putArray("diagnostics");
        problems.stream().limit(limit).forEach(p -> diagnostics.add(diagnostic(p)));
        out.put("truncated", problems.size() > limit);
        return out;
    }

    ObjectNode testState(ApiRequest request) {
        String definition = request.requiredString("definition", 1, StateMachineOperations.MAX_DEFINITION);
        String roleArn = request.optionalString("roleArn", 1, 256);
        if (roleArn != null) {
            Arns.role(roleArn);
        }
        String input = request.optionalString("input", 0, ExecutionOperations.MAX_INPUT);
        String level = request.optionalEnum("inspectionLevel", List.of("INFO", "DEBUG", "TRACE"));
        boolean revealSecrets = request.optionalBoolean("revealSecrets", false);
        String variables = request.optionalString("variables", 0, ExecutionOperations.MAX_INPUT);
        String stateName = request.optionalString("stateName", 1, 80);
        String context = request.optionalString("context", 0, ExecutionOperations.MAX_INPUT);
        TestStateResult result = engine.testState(new TestStateRequest(
                definition,
                stateName,
                input,
                variables,
                context,
                mock(request.optionalStructure("mock")),
                configuration(request.optionalStructure("stateConfiguration")),
                level,
                revealSecrets,
                roleArn));
        ObjectNode out = Json.object().put("status", result.status());
        if (result.output() != null) {
            out.put("output", Json.write(result.output()));
        }
        if (result.error() != null) {
            out.put("error", result.error());
        }
        if (result.cause() != null) {
            out.put("cause", result.cause());
        }
        if (result.nextState() != null) {
            out.put("nextState", result.nextState());
        }
        if (result.inspectionData() != null) {
            out.set("inspectionData", result.inspectionData());
        }
        return out;
    }

    private static TestStateRequest.Mock mock(ApiRequest mock) {
        if (mock == null) {
            return null;
        }
        String result = mock.optionalString("result", 0, ExecutionOperations.MAX_INPUT);
        ApiRequest errorOutput = mock.optionalStructure("errorOutput");
        String mode = mock.optionalEnum("fieldValidationMode", List.of("STRICT", "PRESENT", "NONE"));
        TestStateRequest.ErrorOutput error = errorOutput == null
                ? null
                : new TestStateRequest.ErrorOutput(
                        errorOutput.optionalString("error", 0, 256), errorOutput.optionalString("cause", 0, 32_768));
        return new TestStateRequest.Mock(result, error, mode);
    }

    private static TestStateRequest.Configuration configuration(ApiRequest configuration) {
        if (configuration == null) {
            return TestStateRequest.Configuration.NONE;
        }
        return new TestStateRequest.Configuration(
                configuration.optionalInteger("retrierRetryCount", 0, Integer.MAX_VALUE),
                configuration.optionalString("errorCausedByState", 1, 80),
                configuration.optionalInteger("mapIterationFailureCount", 0, Integer.MAX_VALUE),
                configuration.optionalString("mapItemReaderData", 0, ExecutionOperations.MAX_INPUT));
    }

    /**
     * The engine's problems with the definition; for EXPRESS also what that type may not do, which the engine
     * checks when creating a machine (so a scratch engine creates one and is discarded).
     */
    private List<String> problems(String definition, boolean express) {
        List<String> problems = Engine.validateDefinition(definition);
        if (!problems.isEmpty() || !express) {
            return problems;
        }
        try (Engine scratch = new Engine(engine.config())) {
            scratch.createStateMachine("validate", definition, StateMachineType.EXPRESS, null);
            return List.of();
        } catch (EngineException e) {
            String message = e.getMessage();
            if (!message.startsWith(INVALID_PREFIX) || !message.endsWith("'")) {
                return List.of(message);
            }
            String joined = message.substring(INVALID_PREFIX.length(), message.length() - 1);
            return Arrays.asList(joined.split("', '"));
        }
    }

    private static ObjectNode diagnostic(String problem) {
        ObjectNode d = Json.object().put("severity", "ERROR");
        Matcher m = PROBLEM.matcher(problem);
        if (m.matches()) {
            // the location apart from the message, as AWS gives them (a state's name may hold spaces)
            d.put("code", m.group(1)).put("message", m.group(2));
            if (m.group(3) != null && !m.group(3).equals("null")) {
                d.put("location", m.group(3));
            }
        } else {
            d.put("code", "SCHEMA_VALIDATION_FAILED").put("message", problem);
        }
        return d;
    }
}
