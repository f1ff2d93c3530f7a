package com.ccs.workflows.localrunner.tasks;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step Functions Local's mock configuration ({@code SFN_MOCK_CONFIG}):
 * {@code StateMachines.<name>.TestCases.<case>.<state> -> <response name>}, and
 * {@code MockedResponses.<response name>."0" | "1-2" -> {Return: ...} | {Throw: {Error, Cause}}}.
 */
public record MockConfig(Map<String, Map<String, Map<String, String>>> testCases, Map<String, List<Entry>> responses) {

    /** Answers for invocations {@code from..to} (inclusive): {@code returned}, or a throw when {@code thrown}. */
    public record Entry(int from, int to, JsonNode returned, String error, String cause) {
        public boolean thrown() {
            return returned == null;
        }

        boolean covers(int invocation) {
            return invocation >= from && invocation <= to;
        }
    }

    public static MockConfig load(Path file) throws IOException {
        return parse(Json.parse(Files.readString(file)));
    }

    /** The file named by {@code SFN_MOCK_CONFIG}, as Step Functions Local reads it, if the variable is set. */
    public static Optional<MockConfig> fromEnvironment(Map<String, String> env) throws IOException {
        String file = env.get("SFN_MOCK_CONFIG");
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(load(Path.of(file)));
    }

    public static MockConfig parse(JsonNode root) {
        Map<String, Map<String, Map<String, String>>> machines = new HashMap<>();
        root.path("StateMachines").properties().forEach(machine -> {
            Map<String, Map<String, String>> cases = new HashMap<>();
            machine.getValue().path("TestCases").properties().forEach(testCase -> {
                Map<String, String> states = new HashMap<>();
                testCase.getValue()
                        .properties()
                        .forEach(s -> states.put(s.getKey(), s.getValue().asText()));
                cases.put(testCase.getKey(), states);
            });
            machines.put(machine.getKey(), cases);
        });
        Map<String, List<Entry>> responses = new HashMap<>();
        root.path("MockedResponses").properties().forEach(r -> {
            List<Entry> entries = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = r.getValue().properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String[] range = e.getKey().split("-");
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                JsonNode body = e.getValue();
                if (body.has("Throw")) {
                    JsonNode t = body.get("Throw");
                    entries.add(new Entry(
                            from,
                            to,
                            null,
                            t.has("Error") ? t.get("Error").asText() : null,
                            t.has("Cause") ? t.get("Cause").asText() : null));
                } else {
                    entries.add(new Entry(from, to, body.path("Return"), null, null));
                }
            }
            responses.put(r.getKey(), List.copyOf(entries));
        });
        return new MockConfig(machines, responses);
    }

    /** What is wrong with the file: test cases naming a mocked response it does not define. Empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        testCases.forEach((machine, cases) -> cases.forEach((testCase, states) -> states.forEach((state, response) -> {
            if (!responses.containsKey(response)) {
                problems.add("StateMachines." + machine + ".TestCases." + testCase + "." + state + " names the mocked"
                        + " response '" + response + "', which MockedResponses does not define");
            }
        })));
        problems.sort(null);
        return problems;
    }

    /** The entry answering this invocation, or null when the state is not mocked in this test case. */
    public Entry answer(String stateMachineName, String testCase, String stateName, int invocation) {
        Map<String, String> states =
                testCases.getOrDefault(stateMachineName, Map.of()).get(testCase);
        if (states == null || !states.containsKey(stateName)) {
            return null;
        }
        List<Entry> entries = responses.get(states.get(stateName));
        if (entries == null || entries.isEmpty()) {
            throw new IllegalStateException("Mocked response '" + states.get(stateName) + "' is not defined");
        }
        for (Entry entry : entries) {
            if (entry.covers(invocation)) {
                return entry;
            }
        }
        return entries.get(entries.size() - 1); // calls beyond the list repeat the last answer
    }
}
