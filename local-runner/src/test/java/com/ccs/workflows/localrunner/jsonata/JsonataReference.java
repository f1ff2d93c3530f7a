package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript JSONata, the reference implementation, run with Node.js and the jsonata package that
 * scripts/install-tools.sh puts in .tools/node (src/test/resources/jsonata/reference.js), next to the engine's.
 */
final class JsonataReference {
    private static final Path PACKAGE = TestProject.dir().resolve(".tools/node/node_modules/jsonata");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "jsonata", "reference.js");

    /** An expression and what it sees: $states and the variables. */
    record Case(String expression, JsonNode states, Map<String, JsonNode> variables) {}

    private JsonataReference() {}

    /** Why the reference cannot run here, or null when it can. */
    static String unavailable() {
        if (TestProject.onPath("node") == null) {
            return "node is not on PATH";
        }
        return Files.isDirectory(PACKAGE) ? null : PACKAGE + " is absent (run scripts/install-tools.sh)";
    }

    /** Each case where the engine and the reference answer differently, with both answers. */
    static List<String> differences(List<Case> cases) throws Exception {
        List<JsonNode> expected = runReference(cases);
        assertThat(expected).hasSize(cases.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String ours = engine(c);
            String theirs = describe(expected.get(i));
            if (!ours.equals(theirs)) {
                differences.add(c.expression() + "\n    reference: " + theirs + "\n    engine:    " + ours);
            }
        }
        return differences;
    }

    /** The engine's answer in the reference's terms: a value (numbers compared as numbers), undefined or an error. */
    private static String engine(Case c) {
        try {
            JsonNode value = JsonataEvaluator.evaluate(
                    "{% " + c.expression() + " %}", new JsonataScope(c.states(), c.variables()), "Output");
            return value == null ? "undefined" : "value " + canonical(value);
        } catch (RuntimeFailure e) {
            return "error";
        }
    }

    private static String describe(JsonNode line) {
        if (line.has("error")) {
            return "error";
        }
        return line.has("undefined") ? "undefined" : "value " + canonical(line.get("value"));
    }

    /** JSON text with every number written the same way, so that 1.0E20 and 100000000000000000000 agree. */
    private static String canonical(JsonNode node) {
        if (node.isNumber()) {
            double d = node.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e21 ? String.format("%.0f", d) : Double.toString(d);
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        if (node.isObject()) {
            List<String> members = new ArrayList<>();
            node.properties()
                    .forEach(e -> members.add(Json.text(e.getKey()).toString() + ":" + canonical(e.getValue())));
            return "{" + String.join(",", members) + "}";
        }
        return node.toString();
    }

    private static List<JsonNode> runReference(List<Case> cases) throws Exception {
        ArrayNode request = Json.array();
        for (Case c : cases) {
            ObjectNode item = request.addObject();
            item.put("expression", c.expression());
            ObjectNode bindings = item.putObject("bindings");
            c.variables().forEach(bindings::set);
            bindings.set("states", c.states());
        }
        Process process = new ProcessBuilder(
                        TestProject.onPath("node").toString(),
                        SCRIPT.toString(),
                        PACKAGE.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(Json.write(request).getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("node " + SCRIPT).isZero();
        return stdout.lines().map(Json::parse).toList();
    }
}
