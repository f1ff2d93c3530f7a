package com.ccs.workflows.localrunner.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.deployment.LocalDeployment;
import com.ccs.workflows.localrunner.deployment.WorkflowRun;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two workflows' own JSONata, each expression with exactly what it saw while the engine ran the samples
 * ($states and the variables), answered the same by the JavaScript reference ({@link JsonataReference}). What runs
 * here is what AWS would compute for the same state. Skipped when Node.js or the reference package is absent.
 */
class WorkflowExpressionsReferenceTest {
    /** The functions Step Functions adds, and the clock: not in the reference, or not the same instant there. */
    private static final Pattern AWS_ONLY =
            Pattern.compile("\\$(now|millis|uuid|random|hash|partition|range|parse)\\(");

    private static final List<String> EMERGENCY = List.of(
            "panic-button-critical.json",
            "standard-low-fuel.json",
            "hijack.json",
            "pipe-sqs-batch.json",
            "pipe-sqs-batch-invalid-event.json",
            "pipe-sqs-batch-not-json.json",
            "malformed-bad-coordinates.json",
            "malformed-bad-driver-id.json",
            "malformed-unknown-shape.json",
            "malformed-unknown-severity.json");

    private static final Map<String, WorkflowRun.Decision> BUSINESS = Map.of(
            "auto-approved-25-vehicles.json", WorkflowRun.Decision.APPROVE,
            "manager-approved-75-vehicles.json", WorkflowRun.Decision.APPROVE,
            "rejected-by-manager.json", WorkflowRun.Decision.REJECT,
            "invalid-document.json", WorkflowRun.Decision.APPROVE,
            "payment-declined.json", WorkflowRun.Decision.APPROVE);

    @Test
    void everyExpressionTheSamplesRunAnswersAsTheReferenceDoes() throws Exception {
        String unavailable = JsonataReference.unavailable();
        assumeTrue(unavailable == null, "JSONata reference test skipped: " + unavailable);
        // One case per expression and what it saw (copied: the engine goes on with its nodes), from every thread
        // the engine evaluates on: the same state of another sample often sees the same.
        Map<String, JsonataReference.Case> seen = new ConcurrentHashMap<>();
        JsonataEvaluator.observe((expression, scope) -> {
            if (!AWS_ONLY.matcher(expression).find()) {
                Map<String, JsonNode> variables = new HashMap<>();
                scope.variables().forEach((name, value) -> variables.put(name, value.deepCopy()));
                JsonataReference.Case c =
                        new JsonataReference.Case(expression, scope.states().deepCopy(), variables);
                seen.putIfAbsent(expression + c.states() + variables, c);
            }
        });
        try (LocalDeployment deployment = TestProject.deploy()) {
            for (String sample : EMERGENCY) {
                run(deployment, "emergency", "emergency/" + sample, WorkflowRun.Decision.APPROVE);
            }
            BUSINESS.forEach((sample, decision) -> run(deployment, "business", "business/" + sample, decision));
        } finally {
            JsonataEvaluator.observe(null);
        }
        List<JsonataReference.Case> cases = new ArrayList<>(seen.values());
        assertThat(cases.stream()
                        .map(JsonataReference.Case::expression)
                        .distinct()
                        .count())
                .as("distinct expressions the samples evaluated")
                .isGreaterThan(50);
        assertThat(JsonataReference.differences(cases))
                .as("workflow expressions the engine answers differently")
                .isEmpty();
    }

    private static void run(LocalDeployment deployment, String workflow, String sample, WorkflowRun.Decision decision) {
        WorkflowRun.run(deployment, workflow, TestProject.event(sample), message -> decision, Duration.ofMinutes(2));
    }
}
