package com.ccs.workflows.integration.states;

import static com.ccs.workflows.integration.states.DefinitionUnderTest.fails;
import static com.ccs.workflows.integration.states.DefinitionUnderTest.goesTo;
import static com.ccs.workflows.integration.states.DefinitionUnderTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Every state of statemachines/business.asl.json through TestState, one request per case: each Choice at its
 * boundaries, each Retry (every error it names, its backoff, its last attempt) and each Catch through mocked
 * errors and {@code retrierRetryCount}, each state's output shape. The states that call a service get a mock,
 * as a unit test of the definition wants; one local-only case runs the deployed function for real.
 *
 * <p>Runs on the local runner's API (in-process, see {@link TestStateTarget}); with {@code -Dccs.teststate.aws=true}
 * and AWS credentials, the same requests go to AWS's TestState and must get the same answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessStatesIT {
    /** The DefinitionSubstitutions of a stack named ccs-test; mocked states never call what they name. */
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "ValidateCustomerFunctionArn",
                    "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-validate-customer:live",
            "ApprovalRequestFunctionArn",
                    "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-approval-request:live",
            "CreateContractFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-create-contract:live",
            "ProcessPaymentFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-process-payment:live",
            "ActivateServiceFunctionArn",
                    "arn:aws:lambda:us-east-1:123456789012:function:ccs-test-activate-service:live",
            "ContractsTableName", "ccs-test-contracts",
            "CustomerTopicArn", "arn:aws:sns:us-east-1:123456789012:ccs-test-customer-notifications",
            "AutoApproveVehicleLimit", "50",
            "ApprovalTimeoutSeconds", "86400");
    /** What the states receive once Apply Defaults and Load Settings have run. */
    private static final String REQUEST = """
      {"execution_id": "exec-states-0001", "customer_id": "CUST-98765", "document_type": "RUT",
       "document_id": "900123456-8", "company_info": {"name": "Transportes ABC S.A.S.", "tax_id": "900123456-8"},
       "number_of_vehicles": 25, "contract_type": "premium", "estimated_value": 15000000,
       "payment_method": "credit_card", "vehicles": [{"plate": "ABC-123", "model": "Freightliner"}],
       "stripe_customer_id": null, "payment_method_id": null, "paymentResult": null, "activationError": null,
       "settings": {"auto_approve_vehicle_limit": 50, "approval_timeout_seconds": 86400}}""";

    private static DefinitionUnderTest workflow;

    @BeforeAll
    static void start() throws IOException {
        workflow = DefinitionUnderTest.open("business.asl.json", SUBSTITUTIONS);
    }

    @BeforeEach
    void targetAvailable() {
        workflow.assumeAvailable();
    }

    @AfterAll
    static void stop() {
        workflow.close();
    }

    // ---- requests

    private static TestStateResponse run(String state, JsonNode input, Consumer<TestStateRequest.Builder> more) {
        return workflow.run(state, input, more);
    }

    private static TestStateResponse run(String state, JsonNode input) {
        return run(state, input, r -> {});
    }

    private static TestStateResponse mocked(String state, JsonNode input, String result) {
        return run(state, input, r -> r.mock(MockInput.builder().result(result).build()));
    }

    private static TestStateResponse failing(String state, JsonNode input, String error, int retries) {
        return run(
                state,
                input,
                r -> r.mock(m -> m.errorOutput(e -> e.error(error).cause(error + " in a test")))
                        .stateConfiguration(c -> c.retrierRetryCount(retries)));
    }

    private static ObjectNode request() {
        return (ObjectNode) parse(REQUEST);
    }

    /** The request as it stands before {@code state}: the results the states before it added. */
    private static ObjectNode at(String state) {
        ObjectNode in = request();
        List<String> order = List.of(
                "Validate Customer Data",
                "Vehicles < 50?",
                "Create Contract",
                "Process Payment",
                "Activate Service",
                "Send Welcome Email");
        int upTo = order.indexOf(state);
        if (upTo < 0 || upTo > 0) {
            in.set("validationResult", parse("{\"valid\": true, \"score\": 90, \"reasons\": []}"));
        }
        if (upTo < 0 || upTo > 1) {
            in.set("approval", parse("{\"type\": \"automatic\"}"));
        }
        if (upTo < 0 || upTo > 2) {
            in.set(
                    "contractResult",
                    parse("{\"contract_id\": \"CONT-2025-000001\", \"approval_type\": \"automatic\"}"));
        }
        if (upTo < 0 || upTo > 3) {
            in.set(
                    "paymentResult",
                    parse("{\"status\": \"success\", \"details\": {\"status\": \"success\","
                            + " \"transaction_id\": \"pi_1\", \"transaction_ids\": [\"pi_1\"]}}"));
        }
        if (upTo < 0 || upTo > 4) {
            in.set("activationResult", parse("{\"service_status\": \"active\", \"vehicles_activated\": 1}"));
        }
        return in;
    }

    private static JsonNode output(TestStateResponse response) {
        return parse(response.output());
    }

    // ---- the spine: request checks and settings

    @Test
    void checkRequestLetsOnlyAJsonObjectIn() {
        goesTo(run("Check Request", parse("{\"customer_id\": \"C\"}")), "Apply Defaults");
        goesTo(run("Check Request", parse("{}")), "Apply Defaults");
        for (String notAnObject : List.of("[]", "[{\"customer_id\": \"C\"}]", "\"text\"", "null", "42", "true")) {
            goesTo(run("Check Request", parse(notAnObject)), "Request Not An Object");
        }
    }

    @Test
    void aRequestThatIsNotAnObjectFailsAsInvalidRequest() {
        fails(
                run("Request Not An Object", parse("[]")),
                "InvalidRequest",
                "request: must be a JSON object with the"
                        + " contract request's fields (execution_id, customer_id, document_type, document_id, ...)");
    }

    @Test
    void applyDefaultsFillsTheOptionalFieldsAndResetsTheWorkflowsOwn() {
        ObjectNode bare = (ObjectNode) parse("{\"customer_id\": \"C\", \"number_of_vehicles\": 3,"
                + " \"paymentResult\": {\"status\": \"success\"}, \"activationError\": \"x\"}");
        TestStateResponse applied = run("Apply Defaults", bare);
        goesTo(applied, "Load Settings");
        assertThat(output(applied))
                .isEqualTo(parse("{\"vehicles\": [], \"company_info\": {},"
                        + " \"stripe_customer_id\": null, \"payment_method_id\": null, \"customer_id\": \"C\","
                        + " \"number_of_vehicles\": 3, \"paymentResult\": null, \"activationError\": null}"));

        ObjectNode given = (ObjectNode) parse("{\"vehicles\": [{\"plate\": \"ABC-123\"}], \"company_info\":"
                + " {\"name\": \"N\"}, \"payment_method_id\": \"pm_1\"}");
        JsonNode kept = output(run("Apply Defaults", given));
        assertThat(kept.get("vehicles")).isEqualTo(given.get("vehicles"));
        assertThat(kept.get("company_info")).isEqualTo(given.get("company_info"));
        assertThat(kept.get("payment_method_id").asText()).isEqualTo("pm_1");
    }

    @Test
    void loadSettingsPutsTheDeploymentsSettingsBesideTheRequest() {
        ObjectNode in = request();
        in.remove("settings");
        TestStateResponse loaded = run("Load Settings", in);
        goesTo(loaded, "Validate Customer Data");
        assertThat(output(loaded).get("settings"))
                .isEqualTo(parse("{\"auto_approve_vehicle_limit\": 50, \"approval_timeout_seconds\": 86400}"));
        assertThat(output(loaded).get("customer_id").asText()).isEqualTo("CUST-98765");
    }

    // ---- validation

    @Test
    void validateCustomerDataKeepsTheValidationsVerdictScoreAndReasons() {
        TestStateResponse valid = mocked(
                "Validate Customer Data",
                at("Validate Customer Data"),
                "{\"StatusCode\": 200, \"Payload\": {\"valid\": true, \"score\": 92, \"reasons\": [], \"extra\": 1}}");
        goesTo(valid, "Valid?");
        assertThat(output(valid).get("validationResult"))
                .isEqualTo(parse("{\"valid\": true, \"score\": 92, \"reasons\": []}"));
        assertThat(parse(valid.inspectionData().afterParameters())
                        .get("Payload")
                        .get("customer_id")
                        .asText())
                .isEqualTo("CUST-98765");
    }

    @Test
    void validateCustomerDataRetriesTheTransientErrorsThenEndsInValidationError() {
        retriesThenCatches("Validate Customer Data", at("Validate Customer Data"), "Validation Error", "error");
        TestStateResponse invalidInput = failing(
                "Validate Customer Data",
                at("Validate Customer Data"),
                "com.ccs.workflows.errors.InvalidInputException",
                0);
        caught(invalidInput, "Validation Error", 0, "error");
    }

    @Test
    void validIsTrueOnlyForAValidVerdict() {
        ObjectNode in = at("Vehicles < 50?");
        goesTo(run("Valid?", in), "Vehicles < 50?");
        ((ObjectNode) in.get("validationResult")).put("valid", false);
        goesTo(run("Valid?", in), "Validation Failed");
        ((ObjectNode) in.get("validationResult")).put("valid", "true"); // a string is not the boolean true
        goesTo(run("Valid?", in), "Validation Failed");
    }

    @Test
    void validationFailedAndValidationErrorNameWhatWentWrong() {
        ObjectNode in = at("Vehicles < 50?");
        in.set(
                "validationResult",
                parse("{\"valid\": false, \"score\": 10, \"reasons\": [\"plate ABC-123 is" + " invalid\"]}"));
        fails(run("Validation Failed", in), "ValidationFailed", "[\"plate ABC-123 is invalid\"]");
        in.set("error", parse("{\"Error\": \"Registry.Down\", \"Cause\": \"503\"}"));
        fails(run("Validation Error", in), "Registry.Down", "503");
    }

    // ---- approval

    @Test
    void vehiclesUnderTheLimitAreApprovedAutomaticallyFromItOnAManager() {
        ObjectNode in = at("Vehicles < 50?");
        for (int vehicles : List.of(1, 49)) {
            in.put("number_of_vehicles", vehicles);
            goesTo(run("Vehicles < 50?", in), "Auto-Approve");
        }
        for (int vehicles : List.of(50, 51, 500)) {
            in.put("number_of_vehicles", vehicles);
            goesTo(run("Vehicles < 50?", in), "Wait for Approval");
        }
        in.put("number_of_vehicles", 49.5);
        goesTo(run("Vehicles < 50?", in), "Auto-Approve");
        in.put("number_of_vehicles", 10);
        ((ObjectNode) in.get("settings")).put("auto_approve_vehicle_limit", 10); // the limit is the setting's
        goesTo(run("Vehicles < 50?", in), "Wait for Approval");
    }

    @Test
    void autoApproveRecordsAnAutomaticApproval() {
        TestStateResponse approved = run("Auto-Approve", at("Vehicles < 50?"));
        goesTo(approved, "Create Contract");
        assertThat(output(approved).get("approval")).isEqualTo(parse("{\"type\": \"automatic\"}"));
    }

    @Test
    void waitForApprovalKeepsTheManagersDecisionAndSendsTheTaskToken() {
        ObjectNode in = at("Vehicles < 50?");
        in.put("number_of_vehicles", 75);
        TestStateResponse decided = mocked(
                "Wait for Approval",
                in,
                "{\"approved\": true, \"approver\":"
                        + " \"manager@ccs\", \"comment\": \"ok\", \"decided_at\": \"2025-01-01T10:00:00Z\"}");
        goesTo(decided, "Approved?");
        assertThat(output(decided).get("approval"))
                .isEqualTo(
                        parse(
                                "{\"type\": \"manual\", \"approved\": true,"
                                        + " \"approver\": \"manager@ccs\", \"comment\": \"ok\", \"decided_at\": \"2025-01-01T10:00:00Z\"}"));
        JsonNode payload = parse(decided.inspectionData().afterParameters()).get("Payload");
        assertThat(payload.get("task_token").asText()).isNotBlank();
        assertThat(payload.get("approval_window_seconds").asInt()).isEqualTo(86400);
        assertThat(payload.get("request")).isEqualTo(in);
    }

    @Test
    void waitForApprovalEndsInApprovalTimedOutWhenTheWindowClosesAndRetriesItsLambdaErrors() {
        ObjectNode in = at("Vehicles < 50?");
        caught(failing("Wait for Approval", in, "States.Timeout", 0), "Approval Timed Out", 0, "error");
        retriesThenCatches("Wait for Approval", in, "Approval Error", "error");
    }

    @Test
    void approvedGoesOnOnlyWhenTheManagerApproved() {
        ObjectNode in = at("Create Contract");
        in.set("approval", parse("{\"type\": \"manual\", \"approved\": true, \"approver\": \"m\"}"));
        goesTo(run("Approved?", in), "Create Contract");
        in.set("approval", parse("{\"type\": \"manual\", \"approved\": false, \"approver\": \"m\"}"));
        goesTo(run("Approved?", in), "Approval Rejected");
    }

    @Test
    void theApprovalsFailuresNameTheirReason() {
        ObjectNode in = at("Create Contract");
        in.set(
                "approval",
                parse("{\"type\": \"manual\", \"approved\": false, \"approver\": \"ana@ccs\","
                        + " \"comment\": \"too many vehicles\"}"));
        fails(run("Approval Rejected", in), "ApprovalRejected", "Rejected by ana@ccs: too many vehicles");
        fails(
                run("Approval Timed Out", in),
                "ApprovalTimedOut",
                "No manager decision arrived within the approval window.");
        in.set("error", parse("{\"Error\": \"Lambda.ServiceException\", \"Cause\": \"down\"}"));
        fails(run("Approval Error", in), "Lambda.ServiceException", "down");
    }

    // ---- contract and payment

    @Test
    void createContractKeepsTheContractsIdAndApprovalType() {
        TestStateResponse created = mocked(
                "Create Contract",
                at("Create Contract"),
                "{\"StatusCode\": 200,"
                        + " \"Payload\": {\"contract_id\": \"CONT-2025-000042\", \"approval_type\": \"automatic\", \"x\": 1}}");
        goesTo(created, "Process Payment");
        assertThat(output(created).get("contractResult"))
                .isEqualTo(parse("{\"contract_id\": \"CONT-2025-000042\", \"approval_type\": \"automatic\"}"));
        retriesThenCatches("Create Contract", at("Create Contract"), "Contract Creation Failed", "error");
    }

    @Test
    void contractCreationFailedPassesTheErrorOn() {
        ObjectNode in = at("Create Contract");
        in.set(
                "error",
                parse("{\"Error\": \"com.ccs.workflows.errors.InvalidInputException\", \"Cause\": \"plates\"}"));
        fails(run("Contract Creation Failed", in), "com.ccs.workflows.errors.InvalidInputException", "plates");
    }

    @Test
    void processPaymentKeepsTheStatusAndTheWholeAnswer() {
        String answer = "{\"status\": \"success\", \"transaction_id\": \"pi_9\", \"transaction_ids\": [\"pi_9\"]}";
        TestStateResponse paid =
                mocked("Process Payment", at("Process Payment"), "{\"StatusCode\": 200, \"Payload\": " + answer + "}");
        goesTo(paid, "Payment Success?");
        assertThat(output(paid).get("paymentResult"))
                .isEqualTo(parse("{\"status\": \"success\", \"details\": " + answer + "}"));
        JsonNode payload = parse(paid.inspectionData().afterParameters()).get("Payload");
        assertThat(payload.get("contract_id").asText()).isEqualTo("CONT-2025-000001");
        assertThat(payload.get("currency").asText()).isEqualTo("COP");
    }

    @Test
    void aPaymentStripeRefusesIsRefundedWhileAnOutageOutlastingTheRetriesFailsTheExecutionForARedrive() {
        for (String refused : List.of(
                "com.ccs.workflows.processpayment.PaymentRequestRejectedException",
                "com.ccs.workflows.errors.InvalidInputException")) {
            caught(failing("Process Payment", at("Process Payment"), refused, 0), "Refund Payment", 0, "paymentError");
        }
        retriesThenCatches("Process Payment", at("Process Payment"), null, null);
    }

    @Test
    void paymentSuccessFollowsThePaymentsStatus() {
        ObjectNode in = at("Activate Service");
        goesTo(run("Payment Success?", in), "Activate Service");
        ((ObjectNode) in.get("paymentResult")).put("status", "in_progress");
        goesTo(run("Payment Success?", in), "Process Payment");
        for (String other : List.of("failed", "Success", "")) {
            ((ObjectNode) in.get("paymentResult")).put("status", other);
            goesTo(run("Payment Success?", in), "Payment Failed");
        }
    }

    @Test
    void paymentFailedTellsWhatTheCardSaid() {
        ObjectNode in = at("Activate Service");
        in.set(
                "paymentResult",
                parse("{\"status\": \"failed\", \"details\": {\"status\": \"failed\","
                        + " \"decline_code\": \"insufficient_funds\"}}"));
        fails(
                run("Payment Failed", in),
                "PaymentFailed",
                "{\"status\":\"failed\",\"decline_code\":\"insufficient_funds\"}");
    }

    // ---- activation, welcome, completion

    @Test
    void activateServiceKeepsTheServiceStatusAndTheVehiclesActivated() {
        TestStateResponse active = mocked(
                "Activate Service",
                at("Activate Service"),
                "{\"StatusCode\": 200,"
                        + " \"Payload\": {\"service_status\": \"active\", \"vehicles_activated\": 1, \"contract_id\": \"C\"}}");
        goesTo(active, "Send Welcome Email");
        assertThat(output(active).get("activationResult"))
                .isEqualTo(parse("{\"service_status\": \"active\", \"vehicles_activated\": 1}"));
        caught(
                failing(
                        "Activate Service",
                        at("Activate Service"),
                        "com.ccs.workflows.activateservice.PlateOwnedByAnotherCustomerException",
                        0),
                "Refund Payment",
                0,
                "activationError");
        retriesThenCatches("Activate Service", at("Activate Service"), "Refund Payment", "activationError");
    }

    @Test
    void sendWelcomeEmailKeepsTheMessageIdAndItsMockMustBePublishsAnswer() {
        TestStateResponse sent = mocked(
                "Send Welcome Email",
                at("Send Welcome Email"),
                "{\"MessageId\": \"0b8a7c1e-1111-2222-3333-444455556666\"}");
        goesTo(sent, "Complete");
        assertThat(output(sent).get("welcomeNotification"))
                .isEqualTo(parse("{\"MessageId\": \"0b8a7c1e-1111-2222-3333-444455556666\"}"));
        JsonNode parameters = parse(sent.inspectionData().afterParameters());
        assertThat(parameters.get("Message").asText())
                .isEqualTo(
                        "Welcome Transportes ABC S.A.S.! Contract CONT-2025-000001 (premium) is active for 1 vehicles.");
        assertThat(parameters.at("/MessageAttributes/contract_id/StringValue").asText())
                .isEqualTo("CONT-2025-000001");

        assertThatThrownBy(() -> mocked("Send Welcome Email", at("Send Welcome Email"), "{\"MessageId\": 42}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Mock result schema validation error: Field 'MessageId' must be a string");
        caught(
                failing("Send Welcome Email", at("Send Welcome Email"), "SNS.AuthorizationErrorException", 0),
                "Record Welcome Failure",
                0,
                "welcomeError");
        retriesThenCatches("Send Welcome Email", at("Send Welcome Email"), "Record Welcome Failure", "welcomeError");
    }

    @Test
    void recordWelcomeFailureMarksTheContractAndTheWorkflowCompletesEitherWay() {
        ObjectNode in = at("Complete");
        in.set("welcomeError", parse("{\"Error\": \"SNS.AuthorizationErrorException\", \"Cause\": \"denied\"}"));
        TestStateResponse recorded = mocked("Record Welcome Failure", in, "{}");
        goesTo(recorded, "Complete");
        assertThat(output(recorded)).isEqualTo(in); // ResultPath null: the input goes on
        JsonNode parameters = parse(recorded.inspectionData().afterParameters());
        assertThat(parameters.at("/ExpressionAttributeValues/:error/S").asText())
                .isEqualTo("SNS.AuthorizationErrorException: denied");
        assertThat(parameters.at("/Key/contract_id/S").asText()).isEqualTo("CONT-2025-000001");
        caught(
                failing("Record Welcome Failure", in, "DynamoDB.ConditionalCheckFailedException", 0),
                "Complete",
                0,
                "welcomeRecordError");
        retriesThenCatches("Record Welcome Failure", in, "Complete", "welcomeRecordError");
    }

    @Test
    void completeAnswersTheContractsSummaryWithTheRequest() {
        ObjectNode in = at("Complete");
        TestStateResponse done = run("Complete", in);
        assertThat(done.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(done.nextState()).isNull();
        JsonNode out = output(done);
        assertThat(out.get("validationResult")).isEqualTo(parse("{\"valid\": true, \"score\": 90}"));
        assertThat(out.get("contractResult")).isEqualTo(in.get("contractResult"));
        assertThat(out.get("paymentResult"))
                .isEqualTo(parse("{\"status\": \"success\", \"transaction_id\": \"pi_1\","
                        + " \"transaction_ids\": [\"pi_1\"]}"));
        assertThat(out.get("activationResult")).isEqualTo(in.get("activationResult"));
        assertThat(out.get("request")).isEqualTo(in); // the context's Execution.Input: TestState's input
        assertThat(out.size()).isEqualTo(5);
    }

    // ---- refunds

    @Test
    void refundPaymentKeepsTheRefundsStatusAndReviewsTheContractWhenItCannotRefund() {
        ObjectNode in = at("Send Welcome Email");
        in.set("paymentError", parse("{\"Error\": \"E\", \"Cause\": \"C\"}"));
        TestStateResponse refunded = mocked(
                "Refund Payment",
                in,
                "{\"StatusCode\": 200, \"Payload\": {\"status\":"
                        + " \"refunded\", \"refunded_transaction_ids\": [\"pi_1\"]}}");
        goesTo(refunded, "Refund Complete?");
        assertThat(output(refunded).get("refundResult"))
                .isEqualTo(parse("{\"status\": \"refunded\", \"details\":"
                        + " {\"status\": \"refunded\", \"refunded_transaction_ids\": [\"pi_1\"]}}"));
        assertThat(parse(refunded.inspectionData().afterParameters())
                        .at("/Payload/operation")
                        .asText())
                .isEqualTo("refund");
        retriesThenCatches("Refund Payment", in, "Record Contract For Review", "refundError");
    }

    @Test
    void refundCompleteGoesOnRefundingThenNamesWhyThePaymentWasRefunded() {
        ObjectNode in = at("Send Welcome Email");
        in.set("refundResult", parse("{\"status\": \"in_progress\"}"));
        in.set("activationError", parse("{\"Error\": \"E\", \"Cause\": \"C\"}"));
        goesTo(run("Refund Complete?", in), "Refund Payment"); // in progress wins over anything else
        in.set("refundResult", parse("{\"status\": \"refunded\"}"));
        goesTo(run("Refund Complete?", in), "Activation Failed");
        in.putNull("activationError");
        goesTo(run("Refund Complete?", in), "Payment Error");
    }

    @Test
    void activationFailedAndPaymentErrorCountTheChargesRefunded() {
        ObjectNode in = at("Send Welcome Email");
        in.set(
                "refundResult",
                parse("{\"status\": \"refunded\", \"details\": {\"refunded_transaction_ids\":"
                        + " [\"pi_1\", \"pi_2\"]}}"));
        in.set("activationError", parse("{\"Error\": \"PlateOwned\", \"Cause\": \"ABC-123 is another's\"}"));
        fails(run("Activation Failed", in), "PlateOwned", "ABC-123 is another's (payment refunded: 2 charges)");
        in.set("paymentError", parse("{\"Error\": \"PaymentRequestRejected\", \"Cause\": \"amount\"}"));
        fails(run("Payment Error", in), "PaymentRequestRejected", "amount (payment refunded: 2 charges)");
    }

    @Test
    void aFailedRefundMarksTheContractForReviewAndEndsInPaymentNeedsReview() {
        ObjectNode in = at("Send Welcome Email");
        in.set("refundError", parse("{\"Error\": \"Stripe.Down\", \"Cause\": \"503\"}"));
        TestStateResponse marked = mocked("Record Contract For Review", in, "{}");
        goesTo(marked, "Payment Needs Review");
        JsonNode parameters = parse(marked.inspectionData().afterParameters());
        assertThat(parameters.at("/ExpressionAttributeValues/:reason/S").asText())
                .isEqualTo("Stripe.Down: 503");
        assertThat(parameters.at("/ExpressionAttributeValues/:at/S").asText()).isNotBlank();
        caught(
                failing("Record Contract For Review", in, "DynamoDB.ConditionalCheckFailedException", 0),
                "Payment Needs Review",
                0,
                "reviewRecordError");
        retriesThenCatches("Record Contract For Review", in, "Payment Needs Review", "reviewRecordError");
        fails(
                run("Payment Needs Review", in),
                "PaymentNeedsReview",
                "The refund of contract CONT-2025-000001 failed"
                        + " (Stripe.Down: 503); the contract is marked for review.");
    }

    // ---- the real function, locally

    @Test
    void locallyATaskWithoutAMockRunsTheDeployedFunctionsHandler() {
        assumeTrue(workflow.target().local(), "runs the project's own function in-process: the local runner only");
        TestStateResponse validated = workflow.target()
                .sfn()
                .testState(b -> b.definition(workflow.target().deployedDefinition("business"))
                        .stateName("Validate Customer Data")
                        .input(request().toString())
                        .roleArn("arn:aws:iam::000000000000:role/ccs-dev-business"));
        goesTo(validated, "Valid?");
        assertThat(output(validated).at("/validationResult/valid").asBoolean()).isTrue();
    }

    // ---- coverage

    @Test
    @Order(Integer.MAX_VALUE)
    void everyStateOfTheDefinitionWasTested() {
        workflow.assertEveryStateTested();
    }

    // ---- Retry and Catch, as the definition declares them

    /**
     * Every error each Retry of the state names is retried (RETRIABLE, with that Retry's index and a backoff no
     * longer than its schedule allows); once its attempts are spent the error goes to {@code catchNext} with the
     * error at {@code resultPath}, or fails the state when {@code catchNext} is null.
     */
    private static void retriesThenCatches(String state, JsonNode in, String catchNext, String resultPath) {
        JsonNode retriers = workflow.states().get(state).get("Retry");
        for (int r = 0; r < retriers.size(); r++) {
            JsonNode retrier = retriers.get(r);
            int maxAttempts = retrier.path("MaxAttempts").asInt(3);
            for (JsonNode error : retrier.get("ErrorEquals")) {
                TestStateResponse first = failing(state, in, error.asText(), 0);
                retriable(first, r, backoff(retrier, 0));
            }
            String error = retrier.get("ErrorEquals").get(0).asText();
            retriable(failing(state, in, error, maxAttempts - 1), r, backoff(retrier, maxAttempts - 1));
            TestStateResponse spent = failing(state, in, error, maxAttempts);
            if (catchNext == null) {
                assertThat(spent.status()).isEqualTo(TestExecutionStatus.FAILED);
                assertThat(spent.error()).isEqualTo(error);
            } else {
                assertThat(spent.status())
                        .as(state + " after " + maxAttempts + " retries of " + error)
                        .isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
                assertThat(spent.nextState()).isEqualTo(catchNext);
                assertThat(output(spent).get(resultPath))
                        .isEqualTo(parse("{\"Error\": \"" + error + "\", \"Cause\": \"" + error + " in a test\"}"));
            }
        }
    }

    private static void retriable(TestStateResponse response, int retryIndex, int backoff) {
        assertThat(response.status()).as(response.error()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(response.output()).isNull();
        var details = response.inspectionData().errorDetails();
        assertThat(details.retryIndex()).isEqualTo(retryIndex);
        // With JitterStrategy FULL the wait is random up to the schedule's value.
        assertThat(details.retryBackoffIntervalSeconds()).isBetween(0, backoff);
    }

    private static void caught(TestStateResponse response, String next, int catchIndex, String resultPath) {
        assertThat(response.status())
                .as(response.error() + ": " + response.cause())
                .isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(response.nextState()).isEqualTo(next);
        assertThat(response.inspectionData().errorDetails().catchIndex()).isEqualTo(catchIndex);
        assertThat(output(response).get(resultPath).get("Error").asText()).isEqualTo(response.error());
    }

    /** IntervalSeconds x BackoffRate^retries, capped by MaxDelaySeconds (AWS's defaults: 1 s, 2.0). */
    private static int backoff(JsonNode retrier, int retries) {
        double seconds = retrier.path("IntervalSeconds").asDouble(1)
                * Math.pow(retrier.path("BackoffRate").asDouble(2), retries);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        return (int) seconds;
    }
}
