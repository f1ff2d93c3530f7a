package com.ccs.workflows.localrunner.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The samples against an AWS emulator (CCS_TEST_AWS_ENDPOINT, e.g. MiniStack): every AWS call of the state
 * machines and the functions goes to the emulator; resources are named after a random ProjectName and deleted
 * afterwards. Skipped when the variable is unset (failed when CCS_REQUIRE_EMULATORS=true).
 */
class WorkflowSamplesOnEmulatorIT {
    private static final String PROJECT =
            "lr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final Pattern EPOCH_MILLIS = Pattern.compile("(?<![0-9])1[67][0-9]{11}(?![0-9])");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static LocalDeployment deployment;
    private static URI endpoint;

    @BeforeAll
    static void deploy() {
        String url = System.getenv("CCS_TEST_AWS_ENDPOINT");
        if ("true".equals(System.getenv("CCS_REQUIRE_EMULATORS"))) {
            assertThat(url)
                    .as("CCS_TEST_AWS_ENDPOINT must point at an AWS emulator")
                    .isNotBlank();
        }
        assumeTrue(
                url != null && !url.isBlank(),
                "CCS_TEST_AWS_ENDPOINT is not set: start an emulator"
                        + " (bash scripts/emulators.sh start) to run the samples against it");
        endpoint = URI.create(url);
        deployment = LocalDeployment.start(DeploymentOptions.defaults(TestProject.dir())
                .withEndpoint(endpoint)
                .withParameters(Map.of("ProjectName", PROJECT))
                .withFunctionLog(new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    static void close() {
        if (deployment == null) {
            return;
        }
        deployment.close();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .build();
                SnsClient sns = SnsClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .build()) {
            ProjectResources.tables(deployment.resolver()).forEach(t -> dynamo.deleteTable(r -> r.tableName(t.name())));
            deployment.topics().values().forEach(arn -> sns.deleteTopic(r -> r.topicArn(arn)));
        }
        try (SqsClient sqs = SqsClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .build();
                SecretsManagerClient secrets = SecretsManagerClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .build()) {
            ProjectResources.queues(deployment.resolver())
                    .forEach(q -> sqs.deleteQueue(r -> r.queueUrl(
                            sqs.getQueueUrl(g -> g.queueName(q.name())).queueUrl())));
            ProjectResources.secrets(deployment.resolver())
                    .forEach(s -> secrets.deleteSecret(r -> r.secretId(s.name()).forceDeleteWithoutRecovery(true)));
        }
    }

    /**
     * Every sample of events/emergency and events/business, with the outcome the in-memory tests assert in detail:
     * status, error, last state. Event times and execution ids are made unique so runs never meet on the emulator.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
      emergency/panic-button-critical.json,         -, SUCCEEDED, -,                 Log Completion
      emergency/accident.json,                      -, SUCCEEDED, -,                 Log Completion
      emergency/hijack.json,                        -, SUCCEEDED, -,                 Log Completion
      emergency/standard-low-fuel.json,             -, SUCCEEDED, -,                 Log Completion
      emergency/duplicate-panic-button.json,        -, SUCCEEDED, -,                 Log Completion
      emergency/pipe-sqs-batch.json,                -, SUCCEEDED, -,                 Log Completion
      emergency/pipe-sqs-batch-invalid-event.json,  -, SUCCEEDED, -,                 Park Invalid Event
      emergency/pipe-sqs-batch-not-json.json,       -, SUCCEEDED, -,                 Park Invalid Event
      emergency/malformed-bad-coordinates.json,     -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-bad-driver-id.json,       -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-bad-type.json,            -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-bad-vehicle-id.json,      -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-missing-location.json,    -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-missing-timestamp.json,   -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-missing-vehicle-id.json,  -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-unknown-severity.json,    -, FAILED,    InvalidEvent,      Reject Invalid Event
      emergency/malformed-unknown-shape.json,       -, FAILED,    InvalidEvent,      Reject Invalid Event
      business/auto-approved-25-vehicles.json,      -, SUCCEEDED, -,                 Complete
      business/manager-approved-75-vehicles.json,   APPROVE, SUCCEEDED, -,           Complete
      business/two-trucks-4800000-cop.json,         -, SUCCEEDED, -,                 Complete
      business/rejected-by-manager.json,            REJECT, FAILED, ApprovalRejected, Approval Rejected
      business/invalid-document.json,               -, FAILED,    ValidationFailed,  Validation Failed
      business/payment-declined.json,               -, FAILED,    PaymentFailed,     Payment Failed
      """)
    void everySampleEndsAsExpectedOnTheEmulator(
            String sample, WorkflowRun.Decision decision, ExecutionStatus status, String error, String lastState) {
        String workflow = sample.substring(0, sample.indexOf('/'));
        WorkflowRun.Result result =
                WorkflowRun.run(deployment, workflow, unique(sample), message -> decision, Duration.ofMinutes(2));

        assertThat(result.execution().status())
                .as("%s: %s", result.execution().error(), result.execution().cause())
                .isEqualTo(status);
        assertThat(result.execution().error()).isEqualTo(error);
        assertThat(result.statePath()).last().isEqualTo(lastState);
    }

    @Test
    void everySampleIsInTheTable() throws IOException, NoSuchMethodException {
        String table = getClass()
                .getDeclaredMethod(
                        "everySampleEndsAsExpectedOnTheEmulator",
                        String.class,
                        WorkflowRun.Decision.class,
                        ExecutionStatus.class,
                        String.class,
                        String.class)
                .getAnnotation(CsvSource.class)
                .textBlock();
        for (String workflow : List.of("emergency", "business")) {
            try (Stream<Path> files =
                    Files.list(TestProject.dir().resolve("events").resolve(workflow))) {
                assertThat(files.map(f -> workflow + "/" + f.getFileName()).toList())
                        .isNotEmpty()
                        .allSatisfy(name ->
                                assertThat(table).as("the outcome of %s", name).contains(name + ","));
            }
        }
    }

    /** The sample with its own event times (every 13-digit epoch in it, pipe bodies included) and execution id. */
    private static String unique(String sample) {
        long offset = SEQUENCE.incrementAndGet() * 1_000;
        String text = TestProject.event(sample);
        Matcher times = EPOCH_MILLIS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (times.find()) {
            times.appendReplacement(out, Long.toString(Long.parseLong(times.group()) + offset));
        }
        times.appendTail(out);
        return out.toString()
                .replaceAll(
                        "\"execution_id\": \"([^\"]+)\"", "\"execution_id\": \"$1-" + PROJECT + "-" + offset + "\"");
    }

    @Test
    void aHighPriorityEventNotifiesAndRecordsOnTheEmulator() {
        WorkflowRun.Result result = WorkflowRun.run(
                deployment,
                "emergency",
                TestProject.event("emergency/panic-button-critical.json"),
                message -> null,
                Duration.ofMinutes(2));

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.sideEffects().itemsIn(PROJECT + "-dev-incidents"))
                .singleElement()
                .satisfies(w -> assertThat(w.after().path("status").asText()).isEqualTo("notified"));
        assertThat(result.sideEffects().itemsIn(PROJECT + "-dev-recordings")).hasSize(1);
        assertThat(result.sideEffects().messages()).hasSize(2);
    }

    @Test
    void aManagerApprovalReachesTheEngineThroughTheSignedLink() {
        WorkflowRun.Result result = WorkflowRun.run(
                deployment,
                "business",
                TestProject.event("business/manager-approved-75-vehicles.json"),
                message -> WorkflowRun.Decision.APPROVE,
                Duration.ofMinutes(2));

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.approvals())
                .singleElement()
                .satisfies(a -> assertThat(a.httpStatus()).isEqualTo(200));
        assertThat(result.execution()
                        .output()
                        .at("/contractResult/approval_type")
                        .asText())
                .isEqualTo("manual");
        assertThat(result.sideEffects().messagesTo(deployment.topicArn("ManagerTopic")))
                .hasSize(1);
    }
}
