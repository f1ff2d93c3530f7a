package com.ccs.workflows.integration.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.integration.stack.LocalControls;
import com.ccs.workflows.integration.stack.TopicInbox.Notification;
import com.ccs.workflows.localrunner.faults.Faults;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

    /**
     * The module's example (25 vehicles, approved automatically) for a customer of its own, with plates no other run
     * uses and {@code pesos} as its value.
     */
    private static ObjectNode ownCustomer(long pesos) {
        ObjectNode request = request("auto-approved-25-vehicles.json");
        request.put("customer_id", "CUST-IT-" + Runs.unique());
        request.put("estimated_value", pesos);
        request.withArray("vehicles").forEach(v -> ((ObjectNode) v).put("plate", Runs.plate()));
        return request;
    }

    private static String contractIdOf(DescribeExecutionResponse execution) {
        return Runs.parse(execution.output()).at("/contractResult/contract_id").asText();
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
        List<Notification> found = stack().inbox()
                .await(
                        stack().topicArn("ManagerTopic"),
                        n -> n.message().contains(marker)
                                && LINK.matcher(n.message()).find(),
                        1,
                        Duration.ofSeconds(30));
        assertThat(found).as("manager message for %s", marker).isNotEmpty();
        return found.getFirst();
    }

    /** Opens the signed link and presses the confirmation page's button (a POST with a comment). */
    private HttpResponse<String> decide(Notification message, String decision) {
        return decide(message, decision, "Decided by the integration test");
    }

    /** Submits the decision page of the message's {@code decision} link, with {@code comment} (none when null). */
    private HttpResponse<String> decide(Notification message, String decision, String comment) {
        Matcher matcher = LINK.matcher(message.message());
        while (matcher.find()) {
            if (matcher.group(1).equals(decision)) {
                URI link = URI.create(matcher.group());
                return Runs.post(
                        link,
                        "application/x-www-form-urlencoded",
                        comment == null ? "" : "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8));
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

    /** The contract an execution created, from its idempotency marker; null when it created none. */
    private String contractOf(DescribeExecutionResponse execution) {
        JsonNode marker = contract("REQUEST#" + execution.name());
        return marker == null ? null : marker.path("target_contract_id").asText();
    }

    private void assertFailed(DescribeExecutionResponse execution, String error, String lastState) {
        assertThat(execution.status())
                .as(Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo(error);
        assertThat(path(execution)).last().isEqualTo(lastState);
    }

    private void assertCompleted(DescribeExecutionResponse execution, String approvalType) {
        assertThat(execution.status())
                .as(
                        "%s: %s%n%s",
                        execution.error(), execution.cause(), Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Runs.parse(execution.output());
        assertThat(output.at("/validationResult/valid").asBoolean()).isTrue();
        String contractId = output.at("/contractResult/contract_id").asText();
        assertThat(contractId).matches("CONT-\\d{4}-\\d+");
        assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo(approvalType);
        assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
        assertThat(output.at("/paymentResult/transaction_id").asText()).isNotBlank();
        long value = Runs.parse(execution.input()).path("estimated_value").asLong();
        int parts = (int) ((value * 100 + 99_999_899) / 99_999_900);
        assertThat(output.at("/paymentResult/transaction_ids")).hasSize(parts);
        assertThat(output.at("/paymentResult/transaction_ids/0").asText())
                .isEqualTo(output.at("/paymentResult/transaction_id").asText());
        assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
        assertThat(path(execution))
                .containsSubsequence(
                        "Validate Customer Data",
                        "Create Contract",
                        "Process Payment",
                        "Activate Service",
                        "Send Welcome Email",
                        "Complete");
        JsonNode stored = contract(contractId);
        assertThat(stored).as("contract %s in DynamoDB", contractId).isNotNull();
        assertThat(stored.path("status").asText()).isEqualTo("active");
        assertThat(stored.path("approval_type").asText()).isEqualTo(approvalType);
        assertThat(stack().inbox()
                        .await(
                                stack().topicArn("CustomerTopic"),
                                n -> n.message().contains(contractId),
                                1,
                                Duration.ofSeconds(20)))
                .hasSize(1);
        // Collected in full, each part once: as many charges as parts, together the contract's value.
        stack().controls().ifPresent(c -> {
            assertThat(c.chargesFor(contractId)).hasSize(parts).allSatisfy(charge -> {
                assertThat(charge.status()).isEqualTo("succeeded");
                assertThat(charge.amount()).isLessThanOrEqualTo(99_999_999L);
            });
            assertThat(c.keptFor(contractId)).isEqualTo(value * 100);
        });
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

        assertThat(execution.status())
                .as(Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ApprovalRejected");
        assertThat(path(execution)).last().isEqualTo("Approval Rejected");
        assertThat(path(execution)).doesNotContain("Create Contract", "Process Payment");
        assertThat(Runs.count(stack(), "ContractsTable")).isEqualTo(contractsBefore);
    }

    @Test
    void aRejectionWithoutACommentEndsInApprovalRejectedToo() {
        ObjectNode request = request("rejected-by-manager.json");
        String arn = start(request);

        HttpResponse<String> answer = decide(managerMessage(request), "reject", null);
        DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(execution.status())
                .as(Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ApprovalRejected");
        assertThat(execution.cause()).startsWith("Rejected by ");
        assertThat(path(execution)).last().isEqualTo("Approval Rejected");
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

            assertThat(execution.status())
                    .as(Runs.historyText(stack(), execution.executionArn()))
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

        assertThat(execution.status())
                .as(Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("ValidationFailed");
        assertThat(execution.cause()).contains("document_id");
        assertThat(path(execution))
                .containsExactly(
                        "Check Request",
                        "Apply Defaults",
                        "Load Settings",
                        "Validate Customer Data",
                        "Valid?",
                        "Validation Failed");
    }

    @Test
    void aRegistryOutageThatRecoversIsRetried() {
        LocalControls controls = controls();
        controls.registry().outage(2);

        DescribeExecutionResponse execution = runToEnd(request("auto-approved-25-vehicles.json"));

        assertCompleted(execution, "automatic");
        assertThat(Runs.taskErrors(stack(), execution.executionArn()))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e).isEqualTo("com.ccs.workflows.errors.DependencyUnavailableException"));
    }

    @Test
    void aRegistryThatStaysDownEndsInTheValidationErrorState() {
        LocalControls controls = controls();
        controls.registry().outage(1_000);
        try {
            DescribeExecutionResponse execution = runToEnd(request("auto-approved-25-vehicles.json"));

            assertThat(execution.status())
                    .as(Runs.historyText(stack(), execution.executionArn()))
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

        assertThat(execution.status())
                .as(Runs.historyText(stack(), execution.executionArn()))
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("PaymentFailed");
        assertThat(execution.cause()).contains("decline");
        assertThat(path(execution))
                .contains("Create Contract", "Process Payment", "Payment Success?")
                .last()
                .isEqualTo("Payment Failed");
        assertThat(path(execution)).doesNotContain("Activate Service");
    }

    @Test
    void aResubmittedRequestStartsNoSecondExecutionContractOrCharge() {
        ObjectNode request = request("auto-approved-25-vehicles.json");
        String name = request.path("execution_id").asText();

        HttpResponse<String> first = submit(request);
        HttpResponse<String> second = submit(request);
        DescribeExecutionResponse execution = Runs.awaitEnd(
                stack(), Runs.parse(first.body()).path("executionArn").asText(), RUN);
        HttpResponse<String> third = submit(request);

        assertThat(first.statusCode()).isEqualTo(200);
        // Step Functions answers a running duplicate with the same execution, a finished one with an error.
        for (HttpResponse<String> again : List.of(second, third)) {
            assertThat(
                            again.statusCode() == 200
                                    ? Runs.parse(again.body())
                                            .path("executionArn")
                                            .asText()
                                    : Runs.parse(again.body()).path("__type").asText())
                    .isIn(execution.executionArn(), "ExecutionAlreadyExists");
        }
        assertCompleted(execution, "automatic");
        assertThat(stack()
                        .sfn()
                        .listExecutionsPaginator(r -> r.stateMachineArn(stack().stateMachineArn("business")))
                        .executions()
                        .stream()
                        .filter(e -> e.name().equals(name)))
                .hasSize(1);
        assertThat(Runs.scan(stack(), "ContractsTable").stream()
                        .filter(c -> c.path("contract_id").asText().equals("REQUEST#" + name)))
                .hasSize(1);
    }

    @Test
    void aRequestWithoutAnExecutionIdIsRefusedEachTimeItIsSentWithNothingContractedOrCharged() {
        ObjectNode request = ownCustomer(4_800_000);
        request.remove("execution_id");
        int chargesBefore =
                stack().controls().map(c -> c.stripe().charges().size()).orElse(0);

        // Without the id the HTTP API cannot name the execution, so each submission is an execution of its own.
        DescribeExecutionResponse first = runToEnd(request);
        DescribeExecutionResponse second = runToEnd(request);

        assertThat(first.executionArn()).isNotEqualTo(second.executionArn());
        for (DescribeExecutionResponse execution : List.of(first, second)) {
            assertFailed(execution, "ValidationFailed", "Validation Failed");
            assertThat(execution.cause()).contains("execution_id: is required");
            assertThat(contractOf(execution)).isNull();
        }
        stack().controls().ifPresent(c -> assertThat(c.stripe().charges()).hasSize(chargesBefore));
        assertThat(Runs.scan(stack(), "ContractsTable").stream()
                        .filter(c -> c.path("customer_id")
                                .asText()
                                .equals(request.path("customer_id").asText())))
                .isEmpty();
    }

    @Test
    void realisticValuesWithoutStripeIdsAreCollectedInFull() {
        for (ObjectNode request :
                List.of(request("two-trucks-4800000-cop.json"), ownCustomer(250_000_000), ownCustomer(2_000_000_000))) {
            assertThat(request.has("stripe_customer_id") || request.has("payment_method_id"))
                    .isFalse();

            assertCompleted(runToEnd(request), "automatic");
        }
    }

    @Test
    void aCustomerWithoutAStripeCustomerOrWithoutASavedCardEndsInPaymentFailedWithNothingCharged() {
        LocalControls controls = controls();
        ObjectNode unknown = ownCustomer(4_800_000);
        ObjectNode noCard = ownCustomer(4_800_000);
        controls.stripe()
                .customers()
                .withoutStripeCustomer(unknown.path("customer_id").asText())
                .withoutCard(noCard.path("customer_id").asText());

        for (var run : List.of(
                new Object[] {unknown, "no_stripe_customer"}, new Object[] {noCard, "no_saved_payment_method"})) {
            DescribeExecutionResponse execution = runToEnd((ObjectNode) run[0]);

            assertFailed(execution, "PaymentFailed", "Payment Failed");
            assertThat(execution.cause())
                    .contains("\"reason\":\"" + run[1] + "\"")
                    .contains("nothing was charged");
            assertThat(controls.chargesFor(contractOf(execution))).isEmpty();
            assertThat(contract(contractOf(execution)).path("status").asText()).isEqualTo("created");
        }
    }

    @Test
    void aDeclineOnALaterPartRefundsThePartsTakenAndEndsInPaymentFailed() {
        LocalControls controls = controls();
        ObjectNode request = ownCustomer(15_000_000);
        controls.stripe()
                .customers()
                .declineAfter(request.path("customer_id").asText(), 3, "pm_card_chargeDeclinedInsufficientFunds");

        DescribeExecutionResponse execution = runToEnd(request);

        assertFailed(execution, "PaymentFailed", "Payment Failed");
        assertThat(execution.cause()).contains("insufficient_funds");
        String contractId = contractOf(execution);
        assertThat(controls.chargesFor(contractId))
                .extracting(StripeStandIn.Charge::status)
                .containsExactly("succeeded", "succeeded", "succeeded", "requires_payment_method");
        assertThat(controls.refundsFor(contractId)).hasSize(3);
        assertThat(controls.keptFor(contractId)).isZero();
        assertThat(path(execution)).doesNotContain("Activate Service");
    }

    /** ContractRules.MAX_REQUEST_BYTES: the largest request the workflow accepts, as Step Functions counts it. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    /**
     * The largest contract (2,000,000,000 COP: 2,001 card charges) for a customer of its own, its vehicles (plates
     * no other run uses) listed until the request is {@code bytes} of compact JSON or just under.
     */
    private static ObjectNode largestContract(int bytes) {
        ObjectNode request = ownCustomer(2_000_000_000);
        request.put("number_of_vehicles", 10_000);
        ArrayNode vehicles = request.withArray("vehicles");
        while (Runs.json(request).getBytes(StandardCharsets.UTF_8).length + 40 < bytes) {
            vehicles.addObject().put("plate", Runs.plate()).put("model", "Kenworth T800");
        }
        return request;
    }

    @Test
    void theLargestContractInTheLargestRequestIsCollectedActivatedAndReported() {
        // The state carries the request to the end beside 2,001 charge ids; the workflow adds about 200 bytes to
        // the request before validating it (defaults and settings), which count too.
        ObjectNode request = largestContract(MAX_REQUEST_BYTES - 300);
        String arn = start(request);
        decide(managerMessage(request), "approve");

        DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

        assertCompleted(execution, "manual");
        assertThat(Runs.parse(execution.output()).at("/request/vehicles"))
                .hasSize(request.withArray("vehicles").size());
        String contractId = contractIdOf(execution);
        assertThat(Runs.scan(stack(), "VehiclesTable").stream()
                        .filter(v -> v.path("contract_id").asText().equals(contractId)))
                .hasSize(request.withArray("vehicles").size());
    }

    @Test
    void anActivationThatFailsAfterTheLargestContractInTheLargestRequestRefundsEveryCharge() {
        // The longest state of the workflow: the request, the payment's 2,001 ids, the activation's error and the
        // refund's 2,001 ids at once.
        LocalControls controls = controls();
        controls.faults().onFunction("ActivateServiceFunction", new Faults.FunctionCrash(), Faults.ALWAYS);
        try {
            ObjectNode request = largestContract(MAX_REQUEST_BYTES - 300);
            String arn = start(request);
            decide(managerMessage(request), "approve");

            DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

            assertFailed(execution, "Runtime.ExitError", "Activation Failed");
            assertThat(execution.cause()).contains("payment refunded: 2001 charges");
            String contractId = contractOf(execution);
            assertThat(controls.chargesFor(contractId)).hasSize(2_001);
            assertThat(controls.refundsFor(contractId)).hasSize(2_001);
            assertThat(controls.keptFor(contractId)).isZero();
        } finally {
            controls.faults().clear();
        }
    }

    @Test
    void aRequestTooLargeToCarryThroughTheWorkflowIsRefusedBeforeAnythingIsContractedOrCharged() {
        ObjectNode request = largestContract(MAX_REQUEST_BYTES + 4_096);

        DescribeExecutionResponse execution = runToEnd(request);

        assertFailed(execution, "ValidationFailed", "Validation Failed");
        assertThat(execution.cause())
                .contains("vehicles: the request is ")
                .contains("bytes of JSON, more than the 65,536 the workflow's state can carry")
                .contains("list at most about ");
        assertThat(path(execution)).doesNotContain("Wait for Approval", "Create Contract", "Process Payment");
        assertThat(contractOf(execution)).isNull();
    }

    @Test
    void anotherCustomersActivePlateIsRefusedAtValidationBeforeApprovalOrPayment() {
        ObjectNode owner = ownCustomer(4_800_000);
        assertCompleted(runToEnd(owner), "automatic");
        String plate = owner.withArray("vehicles").get(1).path("plate").asText();
        ObjectNode other = ownCustomer(4_800_000);
        ((ObjectNode) other.withArray("vehicles").get(0))
                .put("plate", plate.substring(0, 3) + "-" + plate.substring(3));

        DescribeExecutionResponse execution = runToEnd(other);

        assertFailed(execution, "ValidationFailed", "Validation Failed");
        assertThat(execution.cause())
                .contains("vehicles[0].plate: " + plate + " is active under another customer's contract")
                .doesNotContain(owner.path("customer_id").asText());
        assertThat(path(execution)).doesNotContain("Create Contract", "Process Payment");
        assertThat(contractOf(execution)).isNull();
    }

    @Test
    void twoContractsRacingForOnePlateLeaveOneOwnerAndTheLoserKeepsNoCharge() {
        // The loser passes validation while the plate is free and waits for its manager; the winner is approved
        // automatically, pays and activates the plate meanwhile; then the manager approves the loser.
        ObjectNode loser = ownCustomer(4_800_000);
        loser.put("number_of_vehicles", 75);
        String plate = loser.withArray("vehicles").get(0).path("plate").asText();
        String loserArn = start(loser);
        Notification approval = managerMessage(loser);
        ObjectNode winner = ownCustomer(4_800_000);
        ((ObjectNode) winner.withArray("vehicles").get(0)).put("plate", plate);
        DescribeExecutionResponse won = runToEnd(winner);
        assertCompleted(won, "automatic");

        decide(approval, "approve");
        DescribeExecutionResponse lost = Runs.awaitEnd(stack(), loserArn, RUN);

        assertFailed(
                lost, "com.ccs.workflows.activateservice.PlateOwnedByAnotherCustomerException", "Activation Failed");
        assertThat(lost.cause())
                .contains("plate " + plate + " is active under another customer's contract")
                .contains("payment refunded: 5 charges");
        assertThat(path(lost))
                .containsSubsequence(
                        "Process Payment",
                        "Activate Service",
                        "Refund Payment",
                        "Refund Complete?",
                        "Activation Failed");
        JsonNode vehicle = Runs.item(stack(), "VehiclesTable", "plate", plate);
        assertThat(vehicle.path("contract_id").asText()).isEqualTo(contractIdOf(won));
        assertThat(vehicle.path("customer_id").asText())
                .isEqualTo(winner.path("customer_id").asText());
        String lostContract = contractOf(lost);
        assertThat(contract(lostContract).path("status").asText()).isEqualTo("created");
        assertThat(Runs.scan(stack(), "VehiclesTable").stream()
                        .filter(v -> v.path("contract_id").asText().equals(lostContract)))
                .isEmpty();
        stack().controls().ifPresent(c -> {
            assertThat(c.keptFor(lostContract)).isZero();
            assertThat(c.refundsFor(lostContract)).hasSize(5);
        });
    }

    @Test
    void aWelcomeThatCannotBeSentIsRecordedOnTheContractAndTheRunCompletes() {
        LocalControls controls = controls();
        Faults.Rule down = controls.faults()
                .onCall("SNS.Publish", "customer-notifications", Faults.snsInternalError(), Faults.ALWAYS);
        try {
            DescribeExecutionResponse execution = runToEnd(ownCustomer(4_800_000));

            assertThat(execution.status())
                    .as(Runs.historyText(stack(), execution.executionArn()))
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(path(execution)).containsSubsequence("Send Welcome Email", "Record Welcome Failure", "Complete");
            assertThat(down.fired()).isPositive();
            JsonNode stored = contract(contractIdOf(execution));
            assertThat(stored.path("status").asText()).isEqualTo("active");
            assertThat(stored.path("welcome_status").asText()).isEqualTo("failed");
            assertThat(stored.path("welcome_error").asText()).contains("SNS");
            assertThat(controls.keptFor(contractIdOf(execution))).isEqualTo(480_000_000L);
        } finally {
            controls.faults().clear();
        }
    }

    @Test
    void anActivationThatFailsForGoodRefundsThePayment() {
        LocalControls controls = controls();
        controls.faults().onFunction("ActivateServiceFunction", new Faults.FunctionCrash(), Faults.ALWAYS);
        try {
            DescribeExecutionResponse execution = runToEnd(ownCustomer(4_800_000));

            assertFailed(execution, "Runtime.ExitError", "Activation Failed");
            assertThat(execution.cause()).contains("payment refunded: 5 charges");
            String contractId = contractOf(execution);
            assertThat(controls.chargesFor(contractId)).hasSize(5);
            assertThat(controls.keptFor(contractId)).isZero();
            assertThat(contract(contractId).path("status").asText()).isEqualTo("created");
        } finally {
            controls.faults().clear();
        }
    }

    @Test
    void aRefundThatFailsForGoodMarksTheContractForReview() {
        LocalControls controls = controls();
        controls.faults().onFunction("ActivateServiceFunction", new Faults.FunctionCrash(), Faults.ALWAYS);
        controls.stripe().outage(Faults.ALWAYS, StripeStandIn.Outage.SERVER_ERROR, "/v1/refunds");
        try {
            DescribeExecutionResponse execution = runToEnd(ownCustomer(4_800_000));

            assertFailed(execution, "PaymentNeedsReview", "Payment Needs Review");
            String contractId = contractOf(execution);
            assertThat(execution.cause()).contains(contractId).contains("marked for review");
            JsonNode stored = contract(contractId);
            assertThat(stored.path("review_status").asText()).isEqualTo("needs_review");
            assertThat(stored.path("review_reason").asText()).contains("DependencyUnavailableException");
            assertThat(controls.keptFor(contractId)).isEqualTo(480_000_000L);
        } finally {
            controls.faults().clear();
            controls.stripe().outage(0);
        }
    }

    @Test
    void aRetryWhenStripeNoLongerKnowsTheKeysFindsTheChargesAndTakesNothingTwice() {
        // The first attempt charges every part and its answer is lost; Stripe has forgotten the keys by the retry,
        // as after 24 hours: the retry lists the contract's charges instead and takes none again.
        LocalControls controls = controls();
        controls.faults().onFunction("ProcessPaymentFunction", new Faults.FunctionTimeout(), 1);
        controls.stripe().keepIdempotencyKeys(false);
        try {
            DescribeExecutionResponse execution = runToEnd(ownCustomer(15_000_000));

            assertCompleted(execution, "automatic");
            assertThat(Runs.taskErrors(stack(), execution.executionArn())).contains("Sandbox.Timedout");
        } finally {
            controls.faults().clear();
            controls.stripe().keepIdempotencyKeys(true);
        }
    }

    @Test
    void aRedriveDaysAfterAPaymentWasStoppedMidWayChargesEachPartOnce() {
        // The payment step has taken 6 of 16 parts when an operator stops the execution; its invocation still runs,
        // its 7th charge held at Stripe. Days later Stripe keeps none of the keys, and the execution is redriven: it
        // finds the 6 charges, takes parts 7 to 16, and the old invocation, let go, replays the redrive's charges.
        LocalControls controls = controls();
        ObjectNode request = ownCustomer(15_000_000);
        StripeStandIn stripe = controls.stripe();
        stripe.holdNextChargeAfter(request.path("customer_id").asText(), 6);
        String arn;
        DescribeExecutionResponse execution;
        try {
            arn = start(request);
            for (long deadline = System.nanoTime() + RUN.toNanos();
                    !stripe.holding() && System.nanoTime() < deadline; ) {
                Runs.pause(20);
            }
            assertThat(stripe.holding()).as("the 7th charge reached Stripe").isTrue();
            stack().sfn()
                    .stopExecution(r -> r.executionArn(arn).error("Operator").cause("payment stopped"));
            assertThat(Runs.awaitEnd(stack(), arn, RUN).status()).isEqualTo(ExecutionStatus.ABORTED);
            stripe.pruneIdempotencyKeys();

            stack().sfn().redriveExecution(r -> r.executionArn(arn));
            execution = Runs.awaitEnd(stack(), arn, RUN);
        } finally {
            stripe.release();
        }

        assertCompleted(execution, "automatic");
        assertThat(execution.redriveCount()).isEqualTo(1);
        String contractId = contractIdOf(execution);
        Runs.pause(500); // the stopped invocation, let go, replays the parts it had left
        assertThat(controls.chargesFor(contractId))
                .hasSize(16)
                .extracting(c -> c.metadata().get("ccs_part"))
                .doesNotHaveDuplicates();
        assertThat(controls.keptFor(contractId)).isEqualTo(1_500_000_000L);
    }

    @Test
    void aStripeOutageOutlastingTheRetriesFailsThePaymentWhereItStoodAndARedriveCompletesIt() {
        LocalControls controls = controls();
        controls.stripe().outage(Faults.ALWAYS, StripeStandIn.Outage.SERVER_ERROR, "/v1/payment_intents");
        String arn;
        try {
            arn = start(ownCustomer(4_800_000));
            DescribeExecutionResponse failed = Runs.awaitEnd(stack(), arn, RUN);

            assertFailed(failed, "com.ccs.workflows.errors.DependencyUnavailableException", "Process Payment");
            assertThat(Runs.taskErrors(stack(), arn)).hasSizeGreaterThan(1);
        } finally {
            controls.stripe().outage(0);
        }

        stack().sfn().redriveExecution(r -> r.executionArn(arn));
        DescribeExecutionResponse execution = Runs.awaitEnd(stack(), arn, RUN);

        assertCompleted(execution, "automatic");
        assertThat(execution.redriveCount()).isEqualTo(1);
    }
}
