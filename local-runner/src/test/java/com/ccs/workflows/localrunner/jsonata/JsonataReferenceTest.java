package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.errors.RuntimeFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's JSONata against the JavaScript reference implementation, on the expressions of
 * src/test/resources/jsonata/reference-corpus.json (the kinds the two workflows use, on their kinds of input, and the
 * cases where com.dashjoin:jsonata alone differed). Runs the reference with Node.js and the jsonata package that
 * scripts/install-tools.sh puts in .tools/node; skipped when either is absent.
 */
class JsonataReferenceTest {
    private static final Path TOOLS = Path.of(System.getProperty("ccs.project.dir", ".."), ".tools", "node");
    private static final Path CORPUS = Path.of("src", "test", "resources", "jsonata", "reference-corpus.json");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "jsonata", "reference.js");

    private record Case(String expression, JsonNode input) {}

    @Test
    void everyExpressionOfTheCorpusGivesWhatTheReferenceGives() throws Exception {
        Path reference = TOOLS.resolve("node_modules").resolve("jsonata");
        String node = onPath("node");
        assumeTrue(
                node != null && Files.isDirectory(reference),
                "JSONata reference test skipped: node or " + reference + " is absent (run scripts/install-tools.sh)");
        List<Case> cases = corpus();
        List<JsonNode> expected = runReference(node, reference, cases);
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
        assertThat(differences).as("expressions the engine answers differently").isEmpty();
    }

    /** The engine's answer in the reference's terms: a value (numbers compared as numbers), undefined or an error. */
    private static String engine(Case c) {
        JsonataScope scope = new JsonataScope(Json.object().set("input", c.input()), Map.of());
        try {
            JsonNode value = JsonataEvaluator.evaluate("{% " + c.expression() + " %}", scope, "Output");
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

    private static List<Case> corpus() throws Exception {
        JsonNode corpus = Json.parse(Files.readString(CORPUS));
        List<Case> cases = new ArrayList<>();
        corpus.get("cases")
                .properties()
                .forEach(group -> group.getValue()
                        .forEach(expression -> cases.add(new Case(
                                expression.asText(), corpus.get("inputs").get(group.getKey())))));
        return cases;
    }

    private static List<JsonNode> runReference(String node, Path reference, List<Case> cases) throws Exception {
        ArrayNode request = Json.array();
        for (Case c : cases) {
            ObjectNode item = request.addObject();
            item.put("expression", c.expression());
            item.set("input", c.input());
        }
        Process process = new ProcessBuilder(
                        node, SCRIPT.toString(), reference.toAbsolutePath().toString())
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

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
