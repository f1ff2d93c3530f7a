package com.ccs.workflows.localrunner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.standins.StripeCustomers;
import com.ccs.workflows.localrunner.standins.StripeStandIn;
import com.ccs.workflows.localrunner.testing.TestProject;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: report, exit codes, usage errors. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runPrintsTheTimelineOutputAndSideEffects() {
        Path project = TestProject.dir();
        int code = main(
                "run",
                "emergency",
                project.resolve("events/emergency/hijack.json").toString(),
                "--project",
                project.toString());

        assertThat(code).isZero();
        assertThat(printed())
                .contains("Status     SUCCEEDED")
                .containsPattern("\\+\\s+\\S+ m?s\\s+High Priority Response\\s+Parallel\\s+\\S+ m?s")
                .contains("Notify Authorities", "Activate Video Recording", "Log Completion")
                .contains("\"executionTime\"")
                .contains("DynamoDB  ccs-dev-incidents  {\"incident_id\":\"INC-VEH-30001-1698765600000\"}  put")
                .contains("SNS       arn:aws:sns:us-east-1:000000000000:ccs-dev-authorities-alerts")
                .contains("IoT       ccs/dev/vehicles/VEH-30001/commands")
                .contains("Function logs: ");
    }

    @Test
    void aFailedExecutionExitsNonZeroWithErrorAndCause() {
        Path project = TestProject.dir();
        int code = main(
                "run",
                "business",
                project.resolve("events/business/invalid-document.json").toString(),
                "--project",
                project.toString());

        assertThat(code).isEqualTo(1);
        assertThat(printed())
                .contains("Status     FAILED")
                .contains("Error      ValidationFailed")
                .contains("Cause      [\"document_id: NIT check digit 7");
    }

    @Test
    void anApprovalWithoutADecisionOrATerminalStopsWithAHint() {
        Path project = TestProject.dir();
        int code = main(
                "run",
                "business",
                project.resolve("events/business/manager-approved-75-vehicles.json")
                        .toString(),
                "--project",
                project.toString());

        assertThat(code).isEqualTo(1);
        assertThat(printed())
                .contains("Status     ABORTED")
                .contains("run again with --approve, --reject or --timeout")
                .contains("SNS       arn:aws:sns:us-east-1:000000000000:ccs-dev-manager-notifications")
                .contains("Subject: Aprobacion requerida: Transportes ABC S.A.S. (75 vehiculos)");
    }

    @Test
    void executeRunsAnyDefinition(@TempDir Path dir) throws Exception {
        Path definition = dir.resolve("d.asl.json");
        Files.writeString(definition, """
        {"StartAt": "Wait", "States": {
          "Wait": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
          "Done": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}""");
        Path input = dir.resolve("in.json");
        Files.writeString(input, "{\"name\": \"fleet\"}");

        int code = main(
                "execute",
                "--definition",
                definition.toString(),
                "--input",
                input.toString(),
                "--project",
                TestProject.dir().toString());

        assertThat(code).isZero();
        assertThat(printed()).contains("\"greeting\" : \"hello fleet\"").containsPattern("Wait\\s+Wait\\s+1h00m00s");
    }

    @Test
    void executeWithoutAProjectRunsInABareEngineAndAnswersMockedStatesFromTheMockConfiguration(@TempDir Path dir)
            throws Exception {
        Path definition = dir.resolve("d.asl.json");
        Files.writeString(definition, """
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Message.$": "$.text"},
          "ResultSelector": {"id.$": "$.MessageId"}, "End": true}}}""");
        Path input = dir.resolve("in.json");
        Files.writeString(input, "{\"text\": \"hello\"}");
        Path mocks = dir.resolve("mocks.json");
        Files.writeString(mocks, """
        {"StateMachines": {"local-execute": {"TestCases": {"Sent": {"Notify": "Published"}}}},
         "MockedResponses": {"Published": {"0": {"Return": {"MessageId": "m-1"}}}}}""");

        int mocked = main(
                "execute",
                "--no-project",
                "--definition",
                definition.toString(),
                "--input",
                input.toString(),
                "--mock-config",
                mocks.toString(),
                "--test-case",
                "Sent",
                "--endpoint-url",
                "");
        assertThat(mocked).isZero();
        assertThat(printed())
                .contains("Status     SUCCEEDED")
                .contains("\"id\" : \"m-1\"")
                .doesNotContain("Side effects");

        out.reset();
        int unmocked = main(
                "execute",
                "--no-project",
                "--definition",
                definition.toString(),
                "--input",
                input.toString(),
                "--endpoint-url",
                "");
        assertThat(unmocked).isEqualTo(1);
        assertThat(printed())
                .contains("Error      States.Runtime")
                .contains("No AWS endpoint is configured for the resource 'arn:aws:states:::sns:publish'");
    }

    @Test
    void aMockConfigurationNamingAnUndefinedResponseIsAUsageError(@TempDir Path dir) throws Exception {
        Path mocks = dir.resolve("mocks.json");
        Files.writeString(mocks, """
        {"StateMachines": {"m": {"TestCases": {"T": {"S": "Missing"}}}}, "MockedResponses": {}}""");
        assertThatThrownBy(() -> main("serve", "--mock-config", mocks.toString()))
                .isInstanceOf(Main.UsageException.class)
                .hasMessageContaining("StateMachines.m.TestCases.T.S names the mocked response 'Missing'");
        assertThatThrownBy(() -> main("run", "emergency", "e.json", "--test-case", "T"))
                .hasMessageContaining("--test-case needs a mock configuration");
    }

    @Test
    void usageErrorsSaySo() {
        assertThatThrownBy(() -> main("run", "emergency"))
                .isInstanceOf(Main.UsageException.class)
                .hasMessageContaining("run takes a workflow");
        assertThatThrownBy(() -> main("run", "x", "y", "--approve", "--reject"))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> main("run", "business", "y", "--frobnicate")).hasMessageContaining("Unknown option");
    }

    @Test
    void diagramsCheckNamesAStaleDiagramAndTheCommandThenDiagramsRedrawsIt(@TempDir Path project) throws Exception {
        TestProject.copyWorkflows(project);
        Path business = project.resolve("statemachines/business.asl.json");
        Files.writeString(business, Files.readString(business).replace("Send Welcome Email", "Welcome Customer"));

        int stale = main("diagrams", "--check", "--project", project.toString());
        String checked = printed();
        out.reset();
        int redrawn = main("diagrams", "--project", project.toString());
        String written = printed();
        out.reset();
        int clean = main("diagrams", "--check", "--project", project.toString());

        assertThat(stale).isEqualTo(1);
        assertThat(checked)
                .contains(
                        "Out of date: " + Path.of("docs/diagrams/business.md"),
                        "Out of date: README.md",
                        "Run local-runner/run diagrams to redraw them.")
                .doesNotContain("emergency.md");
        assertThat(redrawn).isZero();
        assertThat(written).contains("Written: " + Path.of("docs/diagrams/business.md"), "Written: README.md");
        assertThat(clean).isZero();
        assertThat(printed()).contains("The diagrams match");
        assertThat(Files.readString(project.resolve("docs/diagrams/business.md")))
                .contains("Welcome Customer")
                .doesNotContain("Send Welcome Email");
        assertThatThrownBy(() -> main("diagrams", "extra")).hasMessageContaining("diagrams takes no positional");
    }

    @Test
    void stripeCustomersAreSetUpOnTheStandIn() throws Exception {
        Main.Arguments a = Main.Arguments.parse(new String[] {
            "run",
            "business",
            "e.json",
            "--stripe-customer",
            "CUST-1=none",
            "--stripe-customer",
            "CUST-2=no-card",
            "--stripe-customer",
            "CUST-3=pm_card_visa_chargeDeclinedExpiredCard"
        });
        assertThat(a.stripeCustomers)
                .containsExactly(
                        Map.entry("CUST-1", "none"),
                        Map.entry("CUST-2", "no-card"),
                        Map.entry("CUST-3", "pm_card_visa_chargeDeclinedExpiredCard"));
        try (StripeStandIn stripe = StripeStandIn.start()) {
            Main.setUpStripeCustomers(stripe, a.stripeCustomers);
            assertThat(stripeGet(
                                    stripe,
                                    "/v1/customers/search?query=metadata%5B%27ccs_customer_id%27%5D%3A%27CUST-1%27")
                            .path("data")
                            .size())
                    .isZero();
            assertThat(stripeGet(stripe, "/v1/customers/" + StripeCustomers.stripeCustomerId("CUST-2"))
                            .at("/invoice_settings/default_payment_method")
                            .isNull())
                    .isTrue();
            assertThat(stripeGet(stripe, "/v1/customers/" + StripeCustomers.stripeCustomerId("CUST-3"))
                            .at("/invoice_settings/default_payment_method")
                            .asText())
                    .isEqualTo("pm_card_visa_chargeDeclinedExpiredCard");
        }
        assertThatThrownBy(() -> main("run", "business", "y", "--stripe-customer", "CUST-1=pm_1Abc"))
                .hasMessageContaining("--stripe-customer takes ID=CARD");
        assertThatThrownBy(() -> main(
                        "run",
                        "business",
                        "y",
                        "--stripe-base-url",
                        "http://127.0.0.1:12111",
                        "--stripe-customer",
                        "CUST-1=none"))
                .hasMessageContaining("does not apply with --stripe-base-url");
    }

    private static JsonNode stripeGet(StripeStandIn stripe, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return Json.parse(http.send(
                            HttpRequest.newBuilder(URI.create(stripe.baseUrl() + path))
                                    .header("Authorization", "Bearer sk_test_x")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        }
    }
}
