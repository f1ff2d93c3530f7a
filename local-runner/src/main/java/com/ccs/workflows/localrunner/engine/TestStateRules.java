package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.MockResultSchema;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What TestState accepts, in AWS's words: which states need a mock (Map, Parallel, Activity tasks, the
 * {@code .sync} and {@code .waitForTaskToken} patterns) and which may not have one (Pass, Fail, Succeed, Choice,
 * Wait), what a mock must hold for the state it answers, and which members go only with a mock.
 */
final class TestStateRules {
    private TestStateRules() {}

    /**
     * Checks the request against the state it tests and returns the parsed mock result (null without one).
     *
     * @param state the state's definition (a JSON object with its Type)
     */
    static JsonNode check(TestStateRequest request, ObjectNode state) {
        String type = state.path("Type").asText();
        TestStateRequest.Mock mock = request.mock();
        if (mock == null) {
            unmocked(request, state, type);
            return null;
        }
        if (List.of("Pass", "Fail", "Succeed", "Choice", "Wait").contains(type)) {
            throw validation("State type '" + type + "' is not supported when a mock is specified");
        }
        if (request.revealSecrets()) {
            throw validation("TestState does not support RevealSecrets when a mock is specified.");
        }
        if (mock.result() != null && mock.errorOutput() != null) {
            throw validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (mock.result() == null && mock.errorOutput() == null) {
            throw validation("A test mock should have one of the following fields: [result, errorOutput].");
        }
        checkErrorCausedBy(request, state, type);
        if (mock.result() == null) {
            return null;
        }
        JsonNode result;
        try {
            result = Json.parse(mock.result());
        } catch (IllegalArgumentException e) {
            throw validation("Mocked result must be valid JSON");
        }
        switch (type) {
            case "Map" -> {
                boolean writes = state.has("ResultWriter");
                if (writes && !result.isObject()) {
                    throw validation("Mocked result must be a JSON object.");
                }
                if (!writes && !result.isArray()) {
                    throw validation("Mocked result must be an array.");
                }
            }
            case "Parallel" -> {
                if (!result.isArray()) {
                    throw validation("Mocked result must be an array.");
                }
                int branches = state.path("Branches").size();
                if (result.size() != branches) {
                    throw validation("Mocked result must have one element per branch: " + branches + " expected, "
                            + result.size() + " given.");
                }
            }
            default -> {
                String resource = state.path("Resource").asText("");
                try {
                    MockResultSchema.check(ResourceArn.parse(resource), result, mock.fieldValidationMode());
                } catch (IllegalArgumentException e) {
                    throw validation(e.getMessage());
                }
            }
        }
        return result;
    }

    private static void unmocked(TestStateRequest request, ObjectNode state, String type) {
        if (type.equals("Map") || type.equals("Parallel")) {
            throw new EngineException(
                    "InvalidDefinition",
                    "TestState API does not support Map or Parallel states."
                            + " Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (request.context() != null) {
            throw validation("The field 'context' can only be specified together with a mock.");
        }
        if (!type.equals("Task")) {
            return;
        }
        ResourceArn resource = ResourceArn.parse(state.path("Resource").asText(""));
        if (resource.kind() == ResourceArn.Kind.ACTIVITY) {
            throw new EngineException(
                    "InvalidDefinition", "TestState API does not support Activity tasks without a" + " mock.");
        }
        if (resource.pattern() != ResourceArn.Pattern.REQUEST_RESPONSE) {
            String pattern =
                    resource.pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN ? ".waitForTaskToken" : ".sync";
            throw new EngineException(
                    "InvalidDefinition",
                    "TestState API does not support the '" + pattern + "' integration pattern without a mock.");
        }
        if (request.roleArn() == null) {
            throw validation("RoleArn must be specified when testing a Task state");
        }
    }

    /** errorCausedByState names a state inside the Map or Parallel whose failure is mocked. */
    private static void checkErrorCausedBy(TestStateRequest request, ObjectNode state, String type) {
        String causedBy = request.configuration().errorCausedByState();
        if (causedBy == null) {
            return;
        }
        if (!type.equals("Map") && !type.equals("Parallel")) {
            throw validation("The field 'errorCausedByState' applies to Map and Parallel states only.");
        }
        if (request.mock().errorOutput() == null) {
            throw validation("The field 'errorCausedByState' requires a mocked errorOutput.");
        }
        List<JsonNode> programs = new ArrayList<>();
        state.path("Branches").forEach(programs::add);
        programs.add(state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator"));
        for (JsonNode program : programs) {
            if (StateLocator.find(program, causedBy, "JSONPath") != null) {
                return;
            }
        }
        throw validation("The state '" + causedBy + "' of errorCausedByState is not a state of the " + type
                + " state under test.");
    }

    static EngineException validation(String message) {
        return new EngineException("ValidationException", message);
    }
}
