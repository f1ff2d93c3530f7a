package com.ccs.workflows.integration.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.integration.stack.LocalRunnerStack;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The module description's example contract request, exactly as printed but for its NIT's check digit, started on
 * the runner's Step Functions API (what {@code local-runner/run serve} serves) by the clients a user has: boto3 and
 * the AWS CLI, the project's tool interpreters (.tools/venv, installed by scripts/install-tools.sh). With 25
 * vehicles it is approved automatically, with 75 by the manager through the signed link; both end paid in full
 * and active.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleExampleClientsIT {
    private static final Path TOOLS = LocalRunnerStack.projectDir().resolve(".tools/venv/bin");
    private static final Pattern APPROVE = Pattern.compile("https?://\\S+/approvals/\\S+/approve\\?\\S+");

    private LocalRunnerStack stack;
    private Path work;

    @BeforeAll
    void deploy() throws IOException {
        assumeTrue(
                Files.isExecutable(TOOLS.resolve("python")) && Files.isExecutable(TOOLS.resolve("aws")),
                "boto3 and the AWS CLI are installed by scripts/install-tools.sh into " + TOOLS);
        stack = new LocalRunnerStack("local runner, in memory", null, null);
        work = Files.createTempDirectory("ccs-module-example");
    }

    @AfterAll
    void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The sample with an execution id of its own, written where a client reads it. */
    private Path input(String sample) throws IOException {
        ObjectNode request = Runs.sample("business/" + sample);
        request.put("execution_id", "exec-client-" + Runs.unique());
        Path file = work.resolve(request.path("execution_id").asText() + ".json");
        Files.writeString(file, request.toString());
        return file;
    }

    private Process start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_ENDPOINT_URL");
        return builder.start();
    }

    private String output(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** What the AWS CLI prints for {@code aws stepfunctions <args> --endpoint-url <runner>}. */
    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TOOLS.resolve("aws").toString(), "stepfunctions"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", stack.stepFunctionsEndpoint().toString(), "--output", "json"));
        return Runs.parse(output(start(command)));
    }

    private void approveWhenAsked(Path input) throws IOException {
        String name = Runs.parse(Files.readString(input)).path("execution_id").asText();
        List<Notification> asked = stack.inbox()
                .await(stack.topicArn("ManagerTopic"), n -> n.message().contains(name), 1, Duration.ofSeconds(60));
        assertThat(asked).as("the manager's message for %s", name).isNotEmpty();
        Matcher link = APPROVE.matcher(asked.getFirst().message());
        assertThat(link.find()).isTrue();
        assertThat(Runs.post(URI.create(link.group()), "application/x-www-form-urlencoded", "comment=ok")
                        .statusCode())
                .isEqualTo(200);
    }

    private static void assertPaidAndActive(JsonNode output, String approvalType, int vehicles) {
        assertThat(output.at("/validationResult/valid").asBoolean()).isTrue();
        assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo(approvalType);
        assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
        assertThat(output.at("/paymentResult/transaction_id").asText()).startsWith("pi_");
        assertThat(output.at("/paymentResult/transaction_ids")).hasSize(16);
        assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
        assertThat(output.at("/activationResult/vehicles_activated").asInt()).isEqualTo(vehicles);
        assertThat(output.at("/request/estimated_value").asLong()).isEqualTo(15_000_000L);
    }

    @Test
    void boto3RunsTheModulesExampleOnBothApprovalPaths() throws Exception {
        Path automatic = input("auto-approved-25-vehicles.json");
        Path manual = input("manager-approved-75-vehicles.json");
        Process boto3 = start(List.of(
                TOOLS.resolve("python").toString(),
                Path.of("src/test/resources/clients/start_and_wait.py")
                        .toAbsolutePath()
                        .toString(),
                stack.stepFunctionsEndpoint().toString(),
                stack.stateMachineArn("business"),
                automatic.toString(),
                manual.toString()));

        approveWhenAsked(manual);
        JsonNode ended = Runs.parse(output(boto3));

        assertThat(ended).hasSize(2);
        assertThat(ended.get(0).path("status").asText())
                .as(ended.get(0).toString())
                .isEqualTo("SUCCEEDED");
        assertPaidAndActive(Runs.parse(ended.get(0).path("output").asText()), "automatic", 25);
        assertThat(ended.get(1).path("status").asText())
                .as(ended.get(1).toString())
                .isEqualTo("SUCCEEDED");
        assertPaidAndActive(Runs.parse(ended.get(1).path("output").asText()), "manual", 75);
    }

    @Test
    void theAwsCliRunsTheModulesExampleOnBothApprovalPaths() throws Exception {
        for (String sample : List.of("auto-approved-25-vehicles.json", "manager-approved-75-vehicles.json")) {
            Path input = input(sample);
            String name =
                    Runs.parse(Files.readString(input)).path("execution_id").asText();

            JsonNode started = aws(
                    "start-execution",
                    "--state-machine-arn",
                    stack.stateMachineArn("business"),
                    "--name",
                    name,
                    "--input",
                    "file://" + input);
            boolean manual = sample.startsWith("manager");
            if (manual) {
                approveWhenAsked(input);
            }
            String arn = started.path("executionArn").asText();
            JsonNode described = aws("describe-execution", "--execution-arn", arn);
            for (long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    described.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline; ) {
                Runs.pause(250);
                described = aws("describe-execution", "--execution-arn", arn);
            }

            assertThat(described.path("status").asText())
                    .as(described.toString())
                    .isEqualTo("SUCCEEDED");
            assertPaidAndActive(
                    Runs.parse(described.path("output").asText()), manual ? "manual" : "automatic", manual ? 75 : 25);
            JsonNode history = aws("get-execution-history", "--execution-arn", arn, "--max-results", "100");
            assertThat(history.path("events"))
                    .anySatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("ExecutionSucceeded"));
        }
    }
}
