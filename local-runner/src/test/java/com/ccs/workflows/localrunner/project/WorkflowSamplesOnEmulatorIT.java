package com.ccs.workflows.localrunner.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
  private static final String PROJECT = "lr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  private static LocalDeployment deployment;
  private static URI endpoint;

  @BeforeAll
  static void deploy() {
    String url = System.getenv("CCS_TEST_AWS_ENDPOINT");
    if ("true".equals(System.getenv("CCS_REQUIRE_EMULATORS"))) {
      assertThat(url).as("CCS_TEST_AWS_ENDPOINT must point at an AWS emulator").isNotBlank();
    }
    assumeTrue(url != null && !url.isBlank(), "CCS_TEST_AWS_ENDPOINT is not set: start an emulator"
        + " (bash scripts/emulators.sh start) to run the samples against it");
    endpoint = URI.create(url);
    deployment = LocalDeployment.start(LocalDeployment.Options.defaults(TestProject.dir())
        .withEndpoint(endpoint).withParameters(Map.of("ProjectName", PROJECT))
        .withFunctionLog(new PrintStream(OutputStream.nullOutputStream())));
  }

  @AfterAll
  static void close() {
    if (deployment == null) {
      return;
    }
    deployment.close();
    try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .build(); SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).build()) {
      ProjectResources.tables(deployment.resolver()).forEach(t -> dynamo.deleteTable(r -> r.tableName(t.name())));
      deployment.topics().values().forEach(arn -> sns.deleteTopic(r -> r.topicArn(arn)));
    }
    try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).build();
        SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(endpoint)
            .region(Region.US_EAST_1).build()) {
      ProjectResources.queues(deployment.resolver()).forEach(q -> sqs.deleteQueue(r -> r.queueUrl(
          sqs.getQueueUrl(g -> g.queueName(q.name())).queueUrl())));
      ProjectResources.secrets(deployment.resolver()).forEach(s -> secrets.deleteSecret(r -> r.secretId(s.name())
          .forceDeleteWithoutRecovery(true)));
    }
  }

  @Test
  void aHighPriorityEventNotifiesAndRecordsOnTheEmulator() {
    WorkflowRun.Result result = WorkflowRun.run(deployment, "emergency",
        TestProject.event("emergency/panic-button-critical.json"), message -> null, Duration.ofMinutes(2));

    assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.sideEffects().itemsIn(PROJECT + "-dev-incidents")).singleElement()
        .satisfies(w -> assertThat(w.after().path("status").asText()).isEqualTo("notified"));
    assertThat(result.sideEffects().itemsIn(PROJECT + "-dev-recordings")).hasSize(1);
    assertThat(result.sideEffects().messages()).hasSize(2);
  }

  @Test
  void aManagerApprovalReachesTheEngineThroughTheSignedLink() {
    WorkflowRun.Result result = WorkflowRun.run(deployment, "business",
        TestProject.event("business/manager-approved-75-vehicles.json"), message -> WorkflowRun.Decision.APPROVE,
        Duration.ofMinutes(2));

    assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.approvals()).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(200));
    assertThat(result.execution().output().at("/contractResult/approval_type").asText()).isEqualTo("manual");
    assertThat(result.sideEffects().messagesTo(deployment.topicArn("ManagerTopic"))).hasSize(1);
  }
}
