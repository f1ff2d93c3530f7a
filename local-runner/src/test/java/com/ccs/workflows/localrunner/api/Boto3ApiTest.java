package com.ccs.workflows.localrunner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * boto3 against the server: a Python script (src/test/resources/api/boto3_client.py) creates a machine, runs
 * the module description's commands, pages a history, hits two errors, runs a sync execution and tests states
 * with TestState (one named in the machine, one mocked). Uses the
 * project's tool interpreter (.tools/venv, installed by scripts/install-tools.sh).
 */
class Boto3ApiTest {
    private static final List<String> HISTORY = List.of(
            "ExecutionStarted",
            "ChoiceStateEntered",
            "ChoiceStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");

    @Test
    void boto3WorksUnchanged() throws Exception {
        Path python = Path.of(System.getProperty("ccs.project.dir", ".."), ".tools", "venv", "bin", "python");
        assumeTrue(
                Files.isExecutable(python),
                "boto3 test skipped: " + python + " is absent (run"
                        + " scripts/install-tools.sh to install the Python tools)");
        Path script = Path.of("src", "test", "resources", "api", "boto3_client.py");
        try (LocalSfn local = LocalSfn.virtual()) {
            ProcessBuilder builder = new ProcessBuilder(
                    python.toString(),
                    script.toString(),
                    local.server.endpoint().toString());
            Path stderrFile = Files.createTempFile("boto3-", ".stderr");
            builder.redirectError(stderrFile.toFile());
            // No profile or credentials of the machine leak in.
            builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            builder.environment().remove("AWS_PROFILE");
            builder.environment().remove("AWS_ENDPOINT_URL");
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(stderrFile);
            Files.delete(stderrFile);
            assertThat(process.exitValue())
                    .as("boto3 script failed:\n" + stderr)
                    .isZero();
            JsonNode seen = parse(stdout, stderr);

            assertThat(seen.get("stateMachineArn").asText())
                    .isEqualTo("arn:aws:states:us-east-1:123456789:stateMachine:ccs-prod-emergency-workflow");
            assertThat(seen.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(seen.get("output")).isEqualTo(Json.parse("{\"vehicleId\": \"VEH-TEST-001\"}"));
            assertThat(seen.get("startDateIsDatetime").asBoolean()).isTrue();
            assertThat(seen.get("failedError").asText()).isEqualTo("UnknownEmergencyType");
            assertThat(texts(seen.get("historyTypes"))).isEqualTo(HISTORY);
            assertThat(texts(seen.get("historyPaged"))).isEqualTo(HISTORY);
            assertThat(seen.get("firstEnteredState").asText()).isEqualTo("Classify");
            assertThat(texts(seen.get("failedListed")))
                    .containsExactly(seen.get("failedArn").asText());
            assertThat(seen.get("missingError").asText()).isEqualTo("ExecutionDoesNotExist");
            assertThat(seen.get("invalidArnError").asText()).isEqualTo("InvalidArn");
            assertThat(seen.get("syncStatus").asText()).isEqualTo("SUCCEEDED");
            assertThat(seen.get("syncOutput")).isEqualTo(Json.parse("{\"vehicleId\": \"VEH-9\"}"));
            assertThat(seen.get("testStateNext").asText()).isEqualTo("Dispatch");
            assertThat(seen.get("testStateStatus").asText()).isEqualTo("RETRIABLE");
            assertThat(seen.get("testStateErrorDetails"))
                    .isEqualTo(Json.parse("{\"retryIndex\": 0, \"retryBackoffIntervalSeconds\": 4}"));
            String machine = seen.get("stateMachineArn").asText().replace("ccs-prod-emergency-workflow", "versioned");
            assertThat(seen.get("versionArn").asText()).isEqualTo(machine + ":1");
            assertThat(seen.get("aliasArn").asText()).isEqualTo(machine + ":PROD");
            assertThat(seen.get("executionVersionArn").asText()).isEqualTo(machine + ":1");
            assertThat(seen.get("executionAliasArn").asText()).isEqualTo(machine + ":PROD");
            assertThat(texts(seen.get("aliases"))).containsExactly(machine + ":PROD");
            assertThat(seen.get("deleteRoutedVersionError").asText()).isEqualTo("ConflictException");
        }
    }

    private static JsonNode parse(String stdout, String stderr) throws IOException {
        try {
            return Json.parse(stdout);
        } catch (IllegalArgumentException e) {
            throw new IOException("Unexpected output of the boto3 script:\n" + stdout + "\n" + stderr, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
