package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessPaymentHandlerTest {
    private final TestLambdaContext context = new TestLambdaContext("ccs-dev-process-payment");

    @Test
    void mapsASuccessfulChargeToTheStateMachinesShape() throws Exception {
        RecordingGateway gateway = new RecordingGateway(command ->
                new PaymentOutcome.Succeeded("pi_3QxSuccess", command.amountMinor(), command.currency()));
        ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(gateway));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "success.json"), context);

        assertThat(output).containsExactly(
                Map.entry("status", "success"),
                Map.entry("transaction_id", "pi_3QxSuccess"),
                Map.entry("amount_minor", 85_000_000L),
                Map.entry("currency", "cop"));
    }

    @Test
    void mapsADeclineToTheFailedShape() throws Exception {
        ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(new RecordingGateway(command ->
                new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds."))));

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "declined.json"), context);

        assertThat(output).containsExactly(
                Map.entry("status", "failed"),
                Map.entry("decline_code", "insufficient_funds"),
                Map.entry("message", "Your card has insufficient funds."));
    }

    @Test
    void everyLogLineOfTheChargeCarriesTheExecutionAndContractIds() {
        ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(RecordingGateway.approving()));

        try (CapturedLogs logs = new CapturedLogs()) {
            handler.handle(SampleEvents.load("process-payment", "success.json"), context);

            assertThat(logs.text().lines().filter(line -> line.contains("PaymentService")))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("\"execution_id\":\"exec-auto-0001\"")
                            .contains("\"contract_id\":\"CONT-2026-000042\""));
        }
    }

    @Test
    void invalidInputIsThrownBeforeAnyCharge() throws Exception {
        RecordingGateway gateway = RecordingGateway.approving();
        ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(gateway));

        assertThatThrownBy(() -> handler.handle(SampleEvents.load("process-payment", "invalid-amount.json"), context))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("amount");
        assertThat(gateway.commands).isEmpty();
    }

    @Test
    void theLambdaConstructorNeedsTheSecretArn() {
        assertThatThrownBy(() -> new ProcessPaymentHandler(Map.of("AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRIPE_SECRET_ARN");
    }
}
