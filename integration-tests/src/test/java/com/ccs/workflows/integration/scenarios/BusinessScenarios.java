package com.ccs.workflows.integration.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.ccs.workflows.integration.stack.WorkflowStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The business workflow end to end on one stack: requests are submitted the way clients submit them (POST
 * /contracts on the HTTP API, which names the execution after execution_id), a manager decides through the signed
 * link of the message the manager topic delivered, and each scenario checks the states taken, the output, the
 * contract in DynamoDB, the messages and the charges. Subclasses choose the stack().
 */
public abstract class BusinessScenarios extends StackScenarios {
  private static final Duration RUN = Duration.ofMinutes(2);
  private static final Pattern LINK = Pattern.compile("https?://\\S+/approvals/\\S+/(approve|reject)\\?\\S+");
  /** A sample request made unique by its execution id. */
  private static ObjectNode request(String sample) {
    ObjectNode request = Runs.sample("business/" + sample);
    request.put("execution_id", "exec-it-" + Runs.unique());
    return request;
  }

  /** Submits through the HTTP API; the answer of StartExecution. */
  private HttpResponse<String> submit(JsonNode request) {
    return Runs.post(stack().httpApi().resolve("/contracts"), "application/json", Runs.json(request));
  }

  private String start(JsonNode request) {
    HttpResponse<String> answer = submit(request);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Runs.parse(answer.body()).path("executionArn").asText();
  }

  private DescribeExecutionResponse runToEnd(JsonNode request) {
    return Runs.awaitEnd(stack(), start(request), RUN);
  }

  /** The manager's message about this request, once it arrived. */
  private Notification managerMessage(JsonNode request) {
    String marker = request.path("execution_id").asText();
    List<Notification> found = stack().inbox().await(stack().topicArn("ManagerTopic"),
        n -> n.message().contains(marker) && LINK.matcher(n.message()).find(), 1, Duration.ofSeconds(30));
    assertThat(found).as("manager message for %s", marker).isNotEmpty();
    return found.getFirst();
  }

  /** Opens the signed link and presses the confirmation page's button (a POST with a comment). */
  private HttpResponse<String> decide(Notification message, String decision) {
    Matcher matcher = LINK.matcher(message.message());
    while (matcher.find()) {
      if (matcher.group(1).equals(decision)) {
        URI link = URI.create(matcher.group());
        return Runs.post(link, "application/x-www-form-urlencoded",
            "comment=" + URLEncoder.encode("Decided by the integration test", StandardCharsets.UTF_8));
      }
    }
    throw new AssertionError("no " + decision + " link in: " + message.message());
  }

  private List<String> path(DescribeExecutionResponse execution) {
    return Runs.statePath(stack(), execution.executionArn());
  }

  private JsonNode contract(String contractId) {
    return Runs.item(stack(), "ContractsTable", "contract_id", contractId);
  }

  private void assertCompleted(DescribeExecutionResponse execution, String approvalType) {
    assertThat(execution.status()).as("%s: %s%n%s", execution.error(), execution.cause(),
        Runs.historyText(stack(), execution.executionArn())).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = Runs.parse(execution.output());
    assertThat(output.at("/validationResult/valid").asBoolean()).isTrue();
    String contractId = output.at("/contractResult/contract_id").asText();
    assertThat(contractId).matches("CONT-\\d{4}-\\d+");
    assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo(approvalType);
    assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
    assertThat(output.at("/paymentResult/transaction_id").asText()).isNotBlank();
    assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
    assertThat(path(execution)).containsSubsequence("Validate Customer Data", "Create Contract", "Process Payment",
        "Activate Service", "Send Welcome Email", "Complete");
    JsonNode stored = contract(contractId);
    assertThat(stored).as("contract %s in DynamoDB", contractId).isNotNull();
    assertThat(stored.path("status").asText()).isEqualTo("active");
    assertThat(stored.path("approval_type").asText()).isEqualTo(approvalType);
    assertThat(stack().inbox().await(stack().topicArn("CustomerTopic"), n -> n.message().contains(contractId), 1,
        Duration.ofSeconds(20))).hasSize(1);
    stack().controls().ifPresent(c -> assertThat(c.stripe().charges().stream()
        .filter(charge -> contractId.equals(charge.metadata().get("contract_id")))).hasSize(1));
  }

  @Test
  void aSmallFleetIsApprovedAutomaticallyContractedChargedAndActivated() {
    DescribeExecutionResponse execution = runToEnd(request("auto-approved-25-vehicles.json"));

    assertCompleted(execution, "automatic");
    assertThat(path(execution)).contains("Auto-Approve").doesNotContain("Wait for Approval");
  }

  @Test
  void aLargeFleetWaitsForTheManagerWhoApprovesThroughTheSignedLink() {
    ObjectNode request = request("manager-approved-75-vehicles.json");
    String arn = start(request);

    HttpResponse<String> answer = decide(managerMessage(request), "approve");
    DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertCompleted(execution, "manual");
    assertThat(path(execution)).contains("Wait for Approval", "Approved?");
  }

  @Test
  void aRejectionEndsInApprovalRejectedWithNothingContractedOrCharged() {
    ObjectNode request = request("rejected-by-manager.json");
    String arn = start(request);
    int contractsBefore = Runs.count(stack(), "ContractsTable");

    decide(managerMessage(request), "reject");
    DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

    assertThat(execution.status()).as(Runs.historyText(stack(), execution.executionArn()))
        .isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).isEqualTo("ApprovalRejected");
    assertThat(path(execution)).last().isEqualTo("Approval Rejected");
    assertThat(path(execution)).doesNotContain("Create Contract", "Process Payment");
    assertThat(Runs.count(stack(), "ContractsTable")).isEqualTo(contractsBefore);
  }

  @Test
  void anApprovalWindowThatRunsOutEndsInApprovalTimedOut() {
    LocalControls controls = controls();
    ObjectNode request = request("manager-approved-75-vehicles.json");
    try {
      String arn = start(request);
      managerMessage(request); // the manager was asked, and does not answer
      controls.letWaitsRunOut(true);
      DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

      assertThat(execution.status()).as(Runs.historyText(stack(), execution.executionArn()))
        .isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).isEqualTo("ApprovalTimedOut");
      assertThat(path(execution)).last().isEqualTo("Approval Timed Out");
    } finally {
      controls.letWaitsRunOut(false);
    }
  }

  @Test
  void anInvalidDocumentEndsInValidationFailedWithItsReasons() {
    DescribeExecutionResponse execution = runToEnd(request("invalid-document.json"));

    assertThat(execution.status()).as(Runs.historyText(stack(), execution.executionArn()))
        .isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).isEqualTo("ValidationFailed");
    assertThat(execution.cause()).contains("document_id");
    assertThat(path(execution)).containsExactly("Check Request", "Apply Defaults", "Load Settings",
        "Validate Customer Data", "Valid?", "Validation Failed");
  }

  @Test
  void aRegistryOutageThatRecoversIsRetried() {
    LocalControls controls = controls();
    controls.registry().outage(2);

    DescribeExecutionResponse execution = runToEnd(request("auto-approved-25-vehicles.json"));

    assertCompleted(execution, "automatic");
    assertThat(Runs.taskErrors(stack(), execution.executionArn())).hasSize(2)
        .allSatisfy(e -> assertThat(e).isEqualTo("com.ccs.workflows.errors.DependencyUnavailableException"));
  }

  @Test
  void aRegistryThatStaysDownEndsInTheValidationErrorState() {
    LocalControls controls = controls();
    controls.registry().outage(1_000);
    try {
      DescribeExecutionResponse execution = runToEnd(request("auto-approved-25-vehicles.json"));

      assertThat(execution.status()).as(Runs.historyText(stack(), execution.executionArn()))
        .isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(execution)).last().isEqualTo("Validation Error");
      assertThat(execution.error()).isEqualTo("com.ccs.workflows.errors.DependencyUnavailableException");
      assertThat(Runs.taskErrors(stack(), execution.executionArn())).hasSizeGreaterThan(1);
    } finally {
      controls.registry().outage(0);
    }
  }

  @Test
  void aDeclinedCardEndsInPaymentFailedWithTheDeclineCode() {
    DescribeExecutionResponse execution = runToEnd(request("payment-declined.json"));

    assertThat(execution.status()).as(Runs.historyText(stack(), execution.executionArn()))
        .isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).isEqualTo("PaymentFailed");
    assertThat(execution.cause()).contains("decline");
    assertThat(path(execution)).contains("Create Contract", "Process Payment", "Payment Success?")
        .last().isEqualTo("Payment Failed");
    assertThat(path(execution)).doesNotContain("Activate Service");
  }

  @Test
  void aResubmittedRequestStartsNoSecondExecutionContractOrCharge() {
    ObjectNode request = request("auto-approved-25-vehicles.json");
    String name = request.path("execution_id").asText();

    HttpResponse<String> first = submit(request);
    HttpResponse<String> second = submit(request);
    DescribeExecutionResponse execution = Runs.awaitEnd(stack(), Runs.parse(first.body()).path("executionArn")
        .asText(), RUN);
    HttpResponse<String> third = submit(request);

    assertThat(first.statusCode()).isEqualTo(200);
    // Step Functions answers a running duplicate with the same execution, a finished one with an error.
    for (HttpResponse<String> again : List.of(second, third)) {
      assertThat(again.statusCode() == 200
          ? Runs.parse(again.body()).path("executionArn").asText()
          : Runs.parse(again.body()).path("__type").asText())
          .isIn(execution.executionArn(), "ExecutionAlreadyExists");
    }
    assertCompleted(execution, "automatic");
    assertThat(stack().sfn().listExecutionsPaginator(r -> r.stateMachineArn(stack().stateMachineArn("business")))
        .executions().stream().filter(e -> e.name().equals(name))).hasSize(1);
    assertThat(Runs.scan(stack(), "ContractsTable").stream()
        .filter(c -> c.path("contract_id").asText().equals("REQUEST#" + name))).hasSize(1);
  }
}
