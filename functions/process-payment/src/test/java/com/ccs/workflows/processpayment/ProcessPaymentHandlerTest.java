package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessPaymentHandlerTest {
    private final TestLambdaContext context = new TestLambdaContext("ccs-dev-process-payment");

    private final InMemoryStripeAccount stripe =
            new InMemoryStripeAccount().customer("CUST-98765", "cus_TransportesABC", "pm_1SavedVisa");
    private final ProcessPaymentHandler handler = new ProcessPaymentHandler(new PaymentService(stripe, "stack-1"));

    @Test
    void mapsTheModulesExampleToTheStateMachinesShape() throws Exception {
        Map<String, Object> output =
                handler.handle(SampleEvents.load("process-payment", "module-example.json"), context);

        assertThat(output)
                .containsExactly(
                        Map.entry("status", "success"),
                        Map.entry("transaction_id", "pi_1"),
                        Map.entry(
                                "transaction_ids",
                                stripe.intents.stream()
                                        .map(InMemoryStripeAccount.Intent::id)
                                        .toList()),
                        Map.entry("parts", 16),
                        Map.entry("amount_minor", 1_500_000_000L),
                        Map.entry("currency", "cop"),
                        Map.entry("stripe_customer_id", "cus_TransportesABC"));
    }

    @Test
    void mapsADeclineToTheFailedShape() throws Exception {
        stripe.declineAfter(0, "insufficient_funds");

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "declined.json"), context);

        assertThat(output)
                .containsExactly(
                        Map.entry("status", "failed"),
                        Map.entry("reason", "card_declined"),
                        Map.entry("decline_code", "insufficient_funds"),
                        Map.entry("message", "Your card has insufficient funds."),
                        Map.entry("refunded", 0),
                        Map.entry("refunded_transaction_ids", List.of()));
    }

    @Test
    void aDeclineAfterManyPartsCountsEveryRefundAndListsTheFirstHundredIds() throws Exception {
        stripe.declineAfter(150, "insufficient_funds");
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "module-example.json"));
        event.put("amount", 200_000_000);

        Map<String, Object> output = handler.handle(event, context);

        assertThat(output).containsEntry("status", "failed").containsEntry("refunded", 150);
        assertThat((List<?>) output.get("refunded_transaction_ids"))
                .hasSize(100)
                .first()
                .isEqualTo("pi_1");
        assertThat(stripe.kept()).isZero();
    }

    @Test
    void anInvocationOutOfTimeAnswersInProgressAndTheStateMachineCallsAgain() throws Exception {
        // Less time left than a Stripe call may need: nothing is started, the progress comes back.
        TestLambdaContext late =
                new TestLambdaContext("ccs-dev-process-payment", "req-late", System.currentTimeMillis() + 10_000);

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "module-example.json"), late);

        assertThat(output)
                .containsEntry("status", "in_progress")
                .containsEntry("parts_total", 16)
                .containsEntry("transaction_ids", List.of())
                .containsEntry("stripe_customer_id", "cus_TransportesABC");
        Map<String, Object> again = new HashMap<>(SampleEvents.load("process-payment", "module-example.json"));
        again.put("progress", Map.of("status", "in_progress", "details", output));
        assertThat(handler.handle(again, context))
                .containsEntry("status", "success")
                .containsEntry("parts", 16);
    }

    @Test
    void theRefundOperationAnswersRefunded() throws Exception {
        handler.handle(SampleEvents.load("process-payment", "module-example.json"), context);

        Map<String, Object> output = handler.handle(SampleEvents.load("process-payment", "refund.json"), context);

        assertThat(output).containsEntry("status", "refunded");
        assertThat((List<?>) output.get("refunded_transaction_ids")).hasSize(16);
        assertThat(stripe.kept()).isZero();
    }

    @Test
    void theStackScopeIsRequiredAndPlain() {
        assertThat(ProcessPaymentHandler.scope(Map.of("PAYMENT_SCOPE", "4f8a2c10-1b2d-11ef-9c3a-0a1b2c3d4e5f")))
                .isEqualTo("4f8a2c10-1b2d-11ef-9c3a-0a1b2c3d4e5f");
        assertThatThrownBy(() -> ProcessPaymentHandler.scope(Map.of())).hasMessageContaining("PAYMENT_SCOPE");
        assertThatThrownBy(() -> ProcessPaymentHandler.scope(Map.of("PAYMENT_SCOPE", "a b")))
                .hasMessageContaining("PAYMENT_SCOPE");
    }

    @Test
    void everyLogLineOfTheChargeCarriesTheExecutionAndContractIds() {

        try (CapturedLogs logs = new CapturedLogs()) {
            handler.handle(SampleEvents.load("process-payment", "success.json"), context);

            assertThat(logs.text().lines().filter(line -> line.contains("PaymentService")))
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line)
                            .contains("\"execution_id\":\"exec-auto-0001\"")
                            .contains("\"contract_id\":\"CONT-2026-000042\""));
        }
    }

    @Test
    void invalidInputIsThrownBeforeAnyCharge() throws Exception {
        assertThatThrownBy(() -> handler.handle(SampleEvents.load("process-payment", "invalid-amount.json"), context))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("amount");
        assertThat(stripe.commands).isEmpty();
    }

    @Test
    void theLambdaConstructorNeedsTheSecretArn() {
        assertThatThrownBy(() -> new ProcessPaymentHandler(Map.of("AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRIPE_SECRET_ARN");
    }
}
