package com.ccs.workflows.localrunner.conformance;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.tasks.MockConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a case's {@code recorded_task_responses} into a Step Functions Local mock configuration: every recorded
 * answer of a state, in order, becomes response "0", "1", ... of that state's mocked response. States recorded
 * without an answer, or that only ever timed out, stay unmocked: their call never answers, so their own
 * TimeoutSeconds fires, concurrently for every Map iteration as on AWS.
 */
final class RecordedMocks {
    static final String TEST_CASE = "Recorded";

    private RecordedMocks() {}

    static MockConfig build(String machineName, JsonNode recorded) {
        Map<String, Boolean> onlyTimeouts = new LinkedHashMap<>();
        for (JsonNode call : recorded) {
            boolean timeouts = true;
            for (JsonNode r : call.path("responses")) {
                timeouts &= r.path("outcome").asText().endsWith("TimedOut");
            }
            onlyTimeouts.merge(call.get("state").asText(), timeouts, Boolean::logicalAnd);
        }
        Map<String, ObjectNode> byState = new LinkedHashMap<>();
        for (JsonNode call : recorded) {
            if (!call.has("responses") || onlyTimeouts.get(call.get("state").asText())) {
                continue;
            }
            ObjectNode responses = byState.computeIfAbsent(call.get("state").asText(), k -> Json.object());
            for (JsonNode r : call.get("responses")) {
                responses.set(String.valueOf(responses.size()), answer(r));
            }
        }
        ObjectNode root = Json.object();
        ObjectNode states = root.putObject("StateMachines")
                .putObject(machineName)
                .putObject("TestCases")
                .putObject(TEST_CASE);
        ObjectNode mocked = root.putObject("MockedResponses");
        byState.forEach((state, responses) -> {
            String responseName = "Recorded_" + state;
            states.put(state, responseName);
            mocked.set(responseName, responses);
        });
        return MockConfig.parse(root);
    }

    /**
     * The recording parsed causes that were JSON text; the services that produced them (Python Lambda handlers)
     * wrote them with Python's separators, so this restores the original text.
     */
    static String pythonJson(JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            node.properties().forEach(e -> {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(Json.write(Json.text(e.getKey()))).append(": ").append(pythonJson(e.getValue()));
            });
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(pythonJson(node.get(i)));
            }
            return sb.append(']').toString();
        }
        return Json.write(node);
    }

    private static JsonNode answer(JsonNode response) {
        String outcome = response.get("outcome").asText();
        ObjectNode answer = Json.object();
        if (outcome.endsWith("Succeeded")) {
            answer.set("Return", response.get("output"));
        } else {
            ObjectNode thrown = answer.putObject("Throw");
            if (response.has("error")) {
                thrown.put("Error", response.get("error").asText());
            } else if (outcome.endsWith("TimedOut")) {
                thrown.put("Error", "States.Timeout");
            }
            JsonNode cause = response.get("cause");
            if (cause != null && !cause.isNull()) {
                // Lambda functions called through their ARN report the handler's own (Python) text; integrations
                // re-serialise it compactly.
                boolean legacyLambda = outcome.startsWith("LambdaFunction");
                thrown.put(
                        "Cause",
                        cause.isTextual() ? cause.textValue() : legacyLambda ? pythonJson(cause) : Json.write(cause));
            }
        }
        return answer;
    }
}
