package com.ccs.workflows.localrunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The module description's commands run verbatim by the AWS CLI with {@code --endpoint-url}: start-execution with
 * the documented ARN and input, describe-execution, get-execution-history --max-results 100 and list-executions
 * --status-filter FAILED --max-results 10, and the README's test-state example. The CLI is the project's (.tools/venv, installed by
 * scripts/install-tools.sh) or one on the PATH; skipped when there is neither.
 */
class AwsCliApiTest {
    private static final String ARN = "arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-emergency-workflow";

    @Test
    void theDocumentedCliCommandsWork() throws Exception {
        Path tools = Path.of(System.getProperty("ccs.project.dir", ".."), ".tools", "venv", "bin", "aws");
        Path aws = Files.isExecutable(tools) ? tools : TestProject.onPath("aws");
        assumeTrue(aws != null, "AWS CLI test skipped: no 'aws' command in .tools/venv/bin or on the PATH");
        try (LocalSfn local = LocalSfn.virtual()) {
            local.create("ccs-prod-emergency-workflow", LocalSfn.json("""
          {'StartAt': 'Classify', 'States': {
            'Classify': {'Type': 'Choice', 'Choices': [
              {'Variable': '$.type', 'StringEquals': 'panic_button', 'Next': 'Dispatch'}], 'Default': 'Unknown'},
            'Dispatch': {'Type': 'Pass', 'End': true},
            'Unknown': {'Type': 'Fail', 'Error': 'UnknownEmergencyType'}}}"""));
            String endpoint = local.server.endpoint().toString();

            JsonNode started = run(aws, endpoint, "start-execution", "--state-machine-arn", ARN, "--input", """
          {
              "vehicleId": "VEH-TEST-001",
              "type": "panic_button",
              "severity": "critical",
              "location": {"lat": 4.6097, "lon": -74.0817},
              "eventTimestamp": 1698765432000
            }""");
            String executionArn = started.get("executionArn").asText();
            assertThat(executionArn)
                    .startsWith("arn:aws:states:us-east-1:123456789:execution:ccs-prod-emergency-workflow:");
            local.awaitEnd(executionArn);

            JsonNode described = run(aws, endpoint, "describe-execution", "--execution-arn", executionArn);
            assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(Json.parse(described.get("output").asText())
                            .get("vehicleId")
                            .asText())
                    .isEqualTo("VEH-TEST-001");

            JsonNode history = run(
                    aws, endpoint, "get-execution-history", "--execution-arn", executionArn, "--max-results", "100");
            assertThat(StreamSupport.stream(history.get("events").spliterator(), false)
                            .map(e -> e.get("type").asText()))
                    .containsExactly(
                            "ExecutionStarted",
                            "ChoiceStateEntered",
                            "ChoiceStateExited",
                            "PassStateEntered",
                            "PassStateExited",
                            "ExecutionSucceeded");

            String failed = local.sfn
                    .startExecution(b -> b.stateMachineArn(ARN).input("{\"type\": \"x\"}"))
                    .executionArn();
            local.awaitEnd(failed);
            JsonNode listed = run(
                    aws,
                    endpoint,
                    "list-executions",
                    "--state-machine-arn",
                    ARN,
                    "--status-filter",
                    "FAILED",
                    "--max-results",
                    "10");
            assertThat(listed.get("executions")).hasSize(1);
            assertThat(listed.get("executions").get(0).get("executionArn").asText())
                    .isEqualTo(failed);

            // The README's TestState example: a Choice of the business workflow at its boundary.
            Path business = Path.of(System.getProperty("ccs.project.dir", ".."), "statemachines", "business.asl.json")
                    .toAbsolutePath();
            for (var boundary : List.of(List.of("49", "Auto-Approve"), List.of("50", "Wait for Approval"))) {
                JsonNode tested = run(
                        aws,
                        endpoint,
                        "test-state",
                        "--definition",
                        "file://" + business,
                        "--state-name",
                        "Vehicles < 50?",
                        "--input",
                        "{\"number_of_vehicles\": " + boundary.get(0)
                                + ", \"settings\": {\"auto_approve_vehicle_limit\": 50}}");
                assertThat(tested.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(tested.get("nextState").asText()).isEqualTo(boundary.get(1));
            }
        }
    }

    private static JsonNode run(Path aws, String endpoint, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(aws.toString(), "stepfunctions"));
        args.addAll(List.of(command));
        args.addAll(List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_ENDPOINT_URL");
        // TestState and StartSyncExecution would otherwise go to sync-<host>, which does not resolve on loopback.
        builder.environment().put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        Path stderr = Files.createTempFile("aws-cli-", ".stderr");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(stderr);
        Files.delete(stderr);
        assertThat(process.exitValue())
                .as("aws " + String.join(" ", command) + " failed:\n" + errors)
                .isZero();
        return Json.parse(stdout);
    }
}
