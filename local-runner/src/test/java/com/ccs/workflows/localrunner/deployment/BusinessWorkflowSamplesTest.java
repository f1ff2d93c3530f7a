package com.ccs.workflows.localrunner.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.engine.ExecutionStatus;
import com.ccs.workflows.localrunner.engine.TestStateRequest;
import com.ccs.workflows.localrunner.engine.TestStateResult;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.standins.StripeCustomers;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every events/business/* sample through the business workflow: functions in-process, embedded backends,
 * registry and Stripe stand-ins, approvals decided through the signed links of the manager's message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessWorkflowSamplesTest {
    private static final String YEAR = Integer.toString(Year.now(ZoneOffset.UTC).getValue());
    private static LocalDeployment deployment;

    @BeforeAll
    static void deploy() {
        deployment = TestProject.deploy();
        deployment.warmFor(deployment.stateMachine("business"));
    }

    @AfterAll
    static void close() {
        deployment.close();
    }

    private static WorkflowRun.Result run(String sample, WorkflowRun.Decision decision) {
        return runInput(TestProject.event("business/" + sample), decision);
    }

    private static WorkflowRun.Result runInput(String input, WorkflowRun.Decision decision) {
        return WorkflowRun.run(deployment, "business", input, message -> decision, Duration.ofMinutes(2));
    }

    @Test
    @Order(1)
    void theModulesExampleWith25VehiclesIsApprovedAutomaticallyPaidInFullAndActivated() {
        WorkflowRun.Result result = run("auto-approved-25-vehicles.json", null);

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.execution().name()).isEqualTo("exec-module-25");
        assertThat(result.statePath())
                .containsExactly(
                        "Check Request",
                        "Apply Defaults",
                        "Load Settings",
                        "Validate Customer Data",
                        "Valid?",
                        "Vehicles < 50?",
                        "Auto-Approve",
                        "Create Contract",
                        "Process Payment",
                        "Payment Success?",
                        "Activate Service",
                        "Send Welcome Email",
                        "Complete");
        JsonNode output = result.execution().output();
        String contract = "CONT-" + YEAR + "-000001";
        assertThat(output.at("/validationResult/valid").asBoolean()).isTrue();
        assertThat(output.at("/validationResult/score").asInt()).isEqualTo(100);
        assertThat(output.at("/contractResult/contract_id").asText()).isEqualTo(contract);
        assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo("automatic");
        assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
        assertThat(output.at("/paymentResult/transaction_id").asText()).startsWith("pi_");
        assertThat(output.at("/activationResult/service_status").asText()).isEqualTo("active");
        assertThat(output.at("/activationResult/vehicles_activated").asInt()).isEqualTo(25);
        assertThat(output.get("request"))
                .as("the execution's input, kept whole")
                .isEqualTo(Json.parse(TestProject.event("business/auto-approved-25-vehicles.json")));

        SideEffects effects = result.sideEffects();
        assertThat(effects.itemsIn("ccs-dev-contracts")).anySatisfy(w -> {
            assertThat(w.after().path("contract_id").asText()).isEqualTo(contract);
            assertThat(w.after().path("status").asText()).isEqualTo("active");
            assertThat(w.after().path("approval_type").asText()).isEqualTo("automatic");
            assertThat(w.after().path("vehicles_registered").asInt()).isEqualTo(2);
        });
        assertThat(effects.itemsIn("ccs-dev-vehicles"))
                .extracting(w -> w.after().path("plate").asText())
                .containsExactlyInAnyOrder("ABC123", "DEF456");
        assertThat(effects.messages()).singleElement().satisfies(m -> {
            assertThat(m.destination()).isEqualTo(deployment.topicArn("CustomerTopic"));
            assertThat(m.body())
                    .isEqualTo("Welcome Transportes ABC S.A.S.! Contract " + contract
                            + " (premium) is active for 25 vehicles.");
        });
        // 15,000,000 COP is 1,500,000,000 centavos: sixteen charges within Stripe's eight digits, on the saved card.
        assertThat(effects.charges()).hasSize(16).allSatisfy(c -> {
            assertThat(c.amount()).isEqualTo(93_750_000L);
            assertThat(c.currency()).isEqualTo("cop");
            assertThat(c.status()).isEqualTo("succeeded");
            assertThat(c.customer()).isEqualTo(StripeCustomers.stripeCustomerId("CUST-98765"));
            assertThat(c.metadata()).containsEntry("contract_id", contract);
        });
        assertThat(effects.charges().getFirst().paymentIntentId())
                .isEqualTo(output.at("/paymentResult/transaction_id").asText());
        assertThat(output.at("/paymentResult/transaction_ids")).hasSize(16);
    }

    @Test
    @Order(2)
    void seventyFiveVehiclesWaitForTheManagerWhoApprovesThroughTheSignedLink() {
        WorkflowRun.Result result = run("manager-approved-75-vehicles.json", WorkflowRun.Decision.APPROVE);

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statePath())
                .containsSubsequence(
                        "Vehicles < 50?",
                        "Wait for Approval",
                        "Approved?",
                        "Create Contract",
                        "Process Payment",
                        "Activate Service",
                        "Complete");
        assertThat(result.approvals()).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(WorkflowRun.Decision.APPROVE);
            assertThat(a.link())
                    .contains("/approvals/apr_")
                    .contains("/approve?")
                    .contains("sig=");
            assertThat(a.httpStatus()).isEqualTo(200);
        });
        JsonNode output = result.execution().output();
        assertThat(output.at("/contractResult/contract_id").asText()).isEqualTo("CONT-" + YEAR + "-000002");
        assertThat(output.at("/contractResult/approval_type").asText()).isEqualTo("manual");
        assertThat(output.at("/activationResult/vehicles_activated").asInt()).isEqualTo(75);
        assertThat(output.at("/request/execution_id").asText()).isEqualTo("exec-module-75");
        assertThat(output.at("/paymentResult/status").asText()).isEqualTo("success");
        SideEffects effects = result.sideEffects();
        assertThat(effects.messagesTo(deployment.topicArn("ManagerTopic")))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.subject()).startsWith("Aprobacion requerida: Transportes ABC S.A.S. (75 vehiculos)");
                    assertThat(m.body()).doesNotContain("task_token");
                });
        assertThat(effects.messagesTo(deployment.topicArn("CustomerTopic"))).hasSize(1);
        assertThat(effects.itemsIn("ccs-dev-approvals")).anySatisfy(w -> {
            assertThat(w.after().path("status").asText()).isEqualTo("approved");
            assertThat(w.after().path("decided_by").asText()).isEqualTo("fleet-manager");
        });
        assertThat(effects.itemsIn("ccs-dev-contracts")).anySatisfy(w -> {
            assertThat(w.after().path("approval_type").asText()).isEqualTo("manual");
            assertThat(w.after().path("approver").asText()).isEqualTo("fleet-manager");
        });
    }

    @Test
    @Order(3)
    void aRejectionEndsInApprovalRejectedWithoutAContract() {
        WorkflowRun.Result result = run("rejected-by-manager.json", WorkflowRun.Decision.REJECT);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("ApprovalRejected");
        assertThat(result.execution().cause()).startsWith("Rejected by fleet-manager: ");
        assertThat(result.statePath()).last().isEqualTo("Approval Rejected");
        assertThat(result.approvals())
                .singleElement()
                .satisfies(a -> assertThat(a.httpStatus()).isEqualTo(200));
        assertThat(result.sideEffects().itemsIn("ccs-dev-contracts")).isEmpty();
        assertThat(result.sideEffects().itemsIn("ccs-dev-approvals"))
                .anySatisfy(w -> assertThat(w.after().path("status").asText()).isEqualTo("rejected"));
        assertThat(result.sideEffects().charges()).isEmpty();
    }

    @Test
    @Order(4)
    void withoutADecisionTheApprovalWindowClosesOnTheVirtualClock() {
        String input = TestProject.event("business/manager-approved-75-vehicles.json")
                .replace("exec-module-75", "exec-timeout-0001");
        WorkflowRun.Result result = runInput(input, WorkflowRun.Decision.TIMEOUT);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("ApprovalTimedOut");
        assertThat(result.statePath()).last().isEqualTo("Approval Timed Out");
        assertThat(Duration.between(
                        result.execution().startDate(), result.execution().stopDate()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(86_400));
        assertThat(result.wallTime()).isLessThan(Duration.ofHours(1));
        assertThat(result.sideEffects().itemsIn("ccs-dev-contracts")).isEmpty();
        // The functions read the runner's clock: for the callback too the window has closed, so the link has expired.
        HttpResponse<String> page = open(approveLink(result), "GET", null);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("<h1>Enlace vencido</h1>");
    }

    @Test
    @Order(8)
    void aManagerWhoDecidesOnThePageInABrowserLetsTheRunGoOn() {
        String input = TestProject.event("business/manager-approved-75-vehicles.json")
                .replace("exec-module-75", "exec-in-browser-0001");
        List<HttpResponse<String>> pages = new CopyOnWriteArrayList<>();
        // The browser: opens the link (the page), then posts its form, while the run waits.
        WorkflowRun.Result result = WorkflowRun.run(
                deployment,
                "business",
                input,
                message -> {
                    CompletableFuture.runAsync(() -> {
                        pages.add(open(message.approveLink(), "GET", null));
                        pages.add(
                                open(message.approveLink(), "POST", "choice=approve&comment=Revisado+en+el+navegador"));
                    });
                    return WorkflowRun.Decision.IN_BROWSER;
                },
                Duration.ofMinutes(2));

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.approvals())
                .singleElement()
                .satisfies(a -> assertThat(a.decision()).isEqualTo(WorkflowRun.Decision.IN_BROWSER));
        assertThat(pages).extracting(HttpResponse::statusCode).containsExactly(200, 200);
        assertThat(pages.get(0).body()).contains("<h1>Aprobación de contrato</h1>");
        assertThat(pages.get(1).body()).contains("<h1>Decisión registrada</h1>");
        assertThat(result.sideEffects().itemsIn("ccs-dev-approvals"))
                .anySatisfy(w -> assertThat(w.after().path("comment").asText()).isEqualTo("Revisado en el navegador"));
    }

    /** The approve link of the message the manager received during {@code result}. */
    private static String approveLink(WorkflowRun.Result result) {
        String body = result.sideEffects()
                .messagesTo(deployment.topicArn("ManagerTopic"))
                .getFirst()
                .body();
        Matcher link = Pattern.compile("https?://\\S+/approve\\?\\S+").matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group();
    }

    /** A browser's request to a link of the runner's HTTP API. */
    private static HttpResponse<String> open(String link, String method, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link)).header("Accept", "text/html");
        request = form == null
                ? request.GET()
                : request.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(form));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void anInvalidDocumentEndsInValidationFailedBeforeAnyWrite() {
        WorkflowRun.Result result = run("invalid-document.json", null);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("ValidationFailed");
        assertThat(result.execution().cause()).contains("document_id: NIT check digit 7");
        assertThat(result.statePath())
                .containsExactly(
                        "Check Request",
                        "Apply Defaults",
                        "Load Settings",
                        "Validate Customer Data",
                        "Valid?",
                        "Validation Failed");
        assertThat(result.sideEffects().items()).isEmpty();
        assertThat(result.sideEffects().messages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[{\"execution_id\": \"exec-x\"}]", "\"exec-x\"", "42", "true"})
    @Order(5)
    void aRequestThatIsNotAnObjectFailsAsInvalidRequestBeforeAnyStep(String input) {
        WorkflowRun.Result result = runInput(input, null);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("InvalidRequest");
        assertThat(result.execution().cause()).startsWith("request: must be a JSON object");
        assertThat(result.statePath()).containsExactly("Check Request", "Request Not An Object");
        assertThat(result.sideEffects().items()).isEmpty();
    }

    @Test
    @Order(6)
    void aDeclinedCardEndsInPaymentFailedWithTheContractUnpaid() {
        WorkflowRun.Result result = run("payment-declined.json", null);

        assertThat(result.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.execution().error()).isEqualTo("PaymentFailed");
        assertThat(result.execution().cause()).contains("\"decline_code\":\"generic_decline\"");
        assertThat(result.statePath()).last().isEqualTo("Payment Failed");
        assertThat(result.sideEffects().itemsIn("ccs-dev-contracts")).anySatisfy(w -> {
            assertThat(w.after().path("contract_id").asText()).startsWith("CONT-" + YEAR + "-");
            assertThat(w.after().path("status").asText()).isEqualTo("created");
        });
        assertThat(result.sideEffects().itemsIn("ccs-dev-vehicles")).isEmpty();
        assertThat(result.sideEffects().messages()).isEmpty();
        assertThat(result.sideEffects().charges())
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("requires_payment_method"));
    }

    @Test
    @Order(7)
    void aRegistryOutageIsRetriedByTheStateMachine() {
        int before = deployment.registry().requests();
        deployment.registry().outage(2);
        String input = TestProject.event("business/auto-approved-25-vehicles.json")
                .replace("exec-module-25", "exec-outage-0001");

        WorkflowRun.Result result = runInput(input, null);

        assertThat(result.execution().status()).as(result.execution().cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(deployment.registry().requests() - before).isEqualTo(3);
        assertThat(result.functionCalls())
                .filteredOn(c -> c.function().equals("ValidateCustomerFunction"))
                .extracting(c -> c.invocation().errorType())
                .containsExactly(
                        "com.ccs.workflows.errors.DependencyUnavailableException",
                        "com.ccs.workflows.errors.DependencyUnavailableException",
                        null);
    }

    @Test
    @Order(8)
    void testStateOfATaskWithoutAMockRunsTheDeployedFunctionsHandlerInProcess() {
        int before = deployment.registry().requests();
        String definition = deployment.stateMachine("business").definitionText();
        String input = TestProject.event("business/auto-approved-25-vehicles.json");

        TestStateResult validated = deployment
                .engine()
                .testState(new TestStateRequest(
                        definition,
                        "Validate Customer Data",
                        input,
                        null,
                        null,
                        null,
                        TestStateRequest.Configuration.NONE,
                        "DEBUG",
                        false,
                        "arn:aws:iam::000000000000:role/ccs-dev-business"));

        assertThat(validated.status()).as(validated.cause()).isEqualTo("SUCCEEDED");
        assertThat(validated.nextState()).isEqualTo("Valid?");
        assertThat(validated.output().path("validationResult").path("valid").asBoolean())
                .isTrue();
        assertThat(Json.parse(validated.inspectionData().get("result").asText())
                        .path("StatusCode")
                        .asInt())
                .isEqualTo(200);
        assertThat(deployment.registry().requests() - before).isEqualTo(1); // the handler asked the registry
    }
}
