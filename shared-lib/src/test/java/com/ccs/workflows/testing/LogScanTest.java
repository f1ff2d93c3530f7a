package com.ccs.workflows.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogScanTest {
    private static final String STRIPE_KEY = "sk_test_51QxLogScanExampleKey0001";
    private static final String SIGNING_SECRET = "ccs-local-approval-signing-secret-not-for-production";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAexampleTaskTokenForLogScan==";
    private static final String SIGNATURE = "-cLEc9Xx4OuX1yFqXq1vQUnBMGCZ9lG-8304pwrr2VE";

    /** A request carrying a NIT, a phone, a contact e-mail, a task token and a link signature, as the scans' events do. */
    private static final Map<String, Object> EVENT = Map.of(
            "execution_id",
            "exec-12345",
            "document_id",
            "900123456-8",
            "company_info",
            Map.of(
                    "name",
                    "Transportes ABC S.A.S.",
                    "tax_id",
                    "900.123.456-8",
                    "contact_phone",
                    "+57 300 123 4567",
                    "contact_email",
                    "Ana.Ruiz@transportes-abc.example"),
            "task_token",
            TOKEN,
            "queryStringParameters",
            Map.of("approver", "manager@ccs.example", "sig", SIGNATURE));

    private static final LogScan SCAN = LogScan.create()
            .secret("Stripe key", STRIPE_KEY)
            .secret("link signing secret", SIGNING_SECRET)
            .event(EVENT);

    /** What the functions log: ids, UUIDs, ARNs with an account id, timestamps, masked numbers, an approver, JSON lines. */
    private static final String CLEAN = """
            INFO com.ccs.workflows.validatecustomer.CustomerValidationService Customer validation finished valid=false \
            score=0 registry_status=not_checked document_id=******4568 problem_fields=[document_id] \
            {execution_id=exec-12345, function_arn=arn:aws:lambda:us-east-1:000000000000:function:ccs-test, \
            function_request_id=8f14e45f-ceea-4167-a5a6-6c1a2b3c4d5e, function_memory_size=1024}
            INFO com.ccs.workflows.approval.DecisionService Decision recorded approval_id=apr_SampleApproval-0000001 \
            execution_id=exec-12345 decision=approved decided_by=manager@ccs.example {}
            INFO com.ccs.workflows.videorecording.VideoRecordingHandler Start command accepted for topic \
            ccs/dev/vehicles/VEH-12345/commands {incident_id=INC-VEH-12345-1698765432000, started_at=2026-03-01T12:00:00Z}
            INFO com.ccs.workflows.processpayment.PaymentService Payment succeeded: pi_3QxSuccess \
            {contract_id=CONT-2026-000042, customer=cus_Q7xKcT2mJ9aB4d, payment_method=pm_card_visa}
            INFO com.ccs.workflows.processpayment.SecretsManagerStripeKeys Stripe key loaded from Secrets Manager (test mode)
            com.ccs.workflows.processpayment.PaymentProviderCredentialsException: Stripe rejected the API key (HTTP 401, request req_abc)
            {"level":"INFO","message":"Customer validation finished","cold_start":true,"function_arn":\
            "arn:aws:lambda:us-east-1:000000000000:function:ccs-test","function_memory_size":1024,\
            "timestamp":"2026-11-30T02:46:53.123Z","document_id":"******4568","execution_id":"exec-12345"}
            """;

    @Test
    void aCleanLogPasses() {
        assertThat(SCAN.findings(CLEAN)).isEmpty();
        SCAN.assertClean(CLEAN);
    }

    /**
     * What to plant, the line, and the kind it must be reported as. Key shapes are assembled here so that no
     * complete key-like literal sits in the sources for secret scanners to trip over.
     */
    static Stream<Arguments> planted() {
        String live = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";
        String restricted = "rk_" + "test_" + "51AbCdEfGhIjKlMn";
        String keyId = "AKIA" + "IOSFODNN7EXAMPLE";
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
        return Stream.of(
                Arguments.of("Stripe key used by the test", "charging with " + STRIPE_KEY + " now", "Stripe key"),
                Arguments.of("any Stripe live key", "key=" + live, "Stripe secret or restricted key"),
                Arguments.of(
                        "a Stripe restricted key",
                        "using " + restricted + " for refunds",
                        "Stripe secret or restricted key"),
                Arguments.of("link signing secret", "secret " + SIGNING_SECRET, "link signing secret"),
                Arguments.of("task token of the event", "resuming " + TOKEN, "task token"),
                Arguments.of(
                        "approval link signature", "GET /approvals/apr_1/approve?sig=" + SIGNATURE, "link signature"),
                Arguments.of(
                        "URL-encoded task token", "token=" + TOKEN.replace("=", "%3D"), "task token (URL-encoded)"),
                Arguments.of("AWS access key id", "creds " + keyId + " in use", "AWS access key id"),
                Arguments.of("AWS secret key assigned", "aws_secret_access_key=" + awsSecret, "AWS secret access key"),
                Arguments.of(
                        "AWS secret key by its shape",
                        "value " + awsSecret + " end",
                        "secret-looking value (40 characters like an AWS secret key)"),
                Arguments.of("Visa card number", "card 4242424242424242 charged", "card number"),
                Arguments.of("grouped Mastercard number", "card 5555 5555 5555 4444 charged", "card number"),
                Arguments.of("13-digit Visa number", "card 4222222222222 charged", "card number"),
                Arguments.of("document number verbatim", "document 900123456-8 checked", "document number"),
                Arguments.of("document digits regrouped", "nit=900.123.456.8", "digits of the document number"),
                Arguments.of(
                        "NIT without its check digit", "asked registry for 900123456", "digits of the document number"),
                Arguments.of(
                        "digit run as long as the NIT",
                        "reference 1234567890",
                        "digit run as long as the document number (10)"),
                Arguments.of(
                        "weak mask of the document",
                        "document_id=90012****8",
                        "masked document number showing 6 of its digits"),
                Arguments.of("E.164 phone number", "calling +573001234567", "phone number"),
                Arguments.of(
                        "phone field written otherwise",
                        "owner reachable at 300-123-4567",
                        "phone number of the event"),
                Arguments.of(
                        "contact e-mail in another case",
                        "notified ana.ruiz@TRANSPORTES-ABC.example",
                        "e-mail address of a contact field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planted")
    void eachPlantedKindIsFound(String what, String line, String kind) {
        String log = CLEAN + "WARN com.ccs.workflows.Example " + line + " {execution_id=exec-12345}\n";

        List<LogScan.Finding> found = SCAN.findings(log);

        assertThat(found).extracting(LogScan.Finding::kind).contains(kind);
        assertThat(found)
                .allSatisfy(f -> assertThat(f.line()).isEqualTo(CLEAN.lines().count() + 1));
        assertThatThrownBy(() -> SCAN.assertClean(log))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(kind);
    }

    @Test
    void theReportNamesTheKindButNeverRepeatsTheValue() {
        String log = "INFO x charging with " + STRIPE_KEY + " and card 4242424242424242\n";

        assertThatThrownBy(() -> SCAN.assertClean(log))
                .hasMessageContaining(
                        "line 1: Stripe key: INFO x charging with [Stripe key, " + STRIPE_KEY.length() + " chars]")
                .hasMessageContaining("[card number, 16 chars]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(STRIPE_KEY, "4242424242424242"));
    }

    @Test
    void numbersThatAreNotCardsAreNotReported() {
        // Luhn fails, a 20-digit run, an epoch in milliseconds (no card range starts with 1).
        String log = "INFO x ids 4242424242424241 12345678901234567890 1698765432000 {}\n";

        assertThat(LogScan.create().findings(log)).isEmpty();
        assertThat(LogScan.luhn("79927398713")).isTrue();
        assertThat(LogScan.luhn("79927398710")).isFalse();
    }

    @Test
    void shortOrImplausibleEventValuesAddNoRule() {
        // A 3-digit "document", a short "token" and a huge digit string would match everywhere or nowhere useful.
        // A contract id where a document belongs is no document: the function may well log its own contract id.
        LogScan scan = LogScan.create()
                .event(Map.of(
                        "document_id",
                        "123",
                        "task_token",
                        "short",
                        "tax_id",
                        "9".repeat(500),
                        "nit",
                        "CONT-2026-000001",
                        "approval",
                        Map.of("approver", "maria.gomez@ccs.example.com")));

        assertThat(scan.findings("INFO x took 123 ms, token short, approved by maria.gomez@ccs.example.com,"
                        + " contract CONT-2026-000001 {}\n"))
                .isEmpty();
    }

    @Test
    void hugeHostileValuesInALineAreScannedInLinearTime() {
        // Hostile events put 250 K-character values into correlation ids, so into every log line of the invocation.
        String huge = "INFO x " + "A".repeat(250_000) + " " + "9".repeat(125_000) + " 1" + ".000".repeat(30_000) + " "
                + "a*".repeat(100_000) + " {execution_id=" + "A1".repeat(100_000) + "}\n";

        assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> assertThat(SCAN.findings(huge)).isEmpty());
    }
}
