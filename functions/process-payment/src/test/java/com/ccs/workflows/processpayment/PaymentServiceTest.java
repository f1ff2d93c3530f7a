package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentServiceTest {

    private static PaymentRequest request(String contractId, String pesos) {
        return new PaymentRequest(contractId, "CUST-98765", new BigDecimal(pesos), StripeCurrency.COP,
                Optional.of("credit_card"), "cus_Q7xKcT2mJ9aB4d", "pm_card_visa");
    }

    @Test
    void chargesTheContractValueInMinorUnitsToTheSavedPaymentMethod() {
        RecordingGateway gateway = RecordingGateway.approving();

        PaymentOutcome outcome = new PaymentService(gateway).charge(request("CONT-2026-000042", "15000000"));

        assertThat(gateway.commands).containsExactly(new ChargeCommand(
                "ccs-payment-CONT-2026-000042", "cus_Q7xKcT2mJ9aB4d", "pm_card_visa", 1_500_000_000L, "cop",
                "CCS contract CONT-2026-000042 (customer CUST-98765)",
                Map.of("contract_id", "CONT-2026-000042", "customer_id", "CUST-98765", "payment_method", "credit_card")));
        assertThat(outcome).isInstanceOf(PaymentOutcome.Succeeded.class)
                .extracting(o -> ((PaymentOutcome.Succeeded) o).amountMinor()).isEqualTo(1_500_000_000L);
    }

    @Test
    void everyAttemptForAContractUsesTheSameIdempotencyKeyAndAnotherContractAnother() {
        RecordingGateway gateway = RecordingGateway.approving();
        PaymentService service = new PaymentService(gateway);

        PaymentOutcome first = service.charge(request("CONT-2026-000042", "5000000"));
        PaymentOutcome retry = service.charge(request("CONT-2026-000042", "5000000"));
        service.charge(request("CONT-2026-000043", "5000000"));

        assertThat(gateway.commands).extracting(ChargeCommand::idempotencyKey).containsExactly(
                "ccs-payment-CONT-2026-000042", "ccs-payment-CONT-2026-000042", "ccs-payment-CONT-2026-000043");
        assertThat(retry).isEqualTo(first);
    }

    @Test
    void aDeclineIsReturnedAsData() {
        PaymentOutcome.Declined declined = new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds.");
        PaymentService service = new PaymentService(new RecordingGateway(command -> declined));

        assertThat(service.charge(request("CONT-2026-000043", "15000000"))).isEqualTo(declined);
    }

    @Test
    void providerFaultsPropagateForTheStateMachineToRetry() {
        PaymentService service = new PaymentService(new RecordingGateway(command -> {
            throw new DependencyUnavailableException("stripe", "Stripe answered HTTP 503", null);
        }));

        assertThatThrownBy(() -> service.charge(request("CONT-2026-000044", "1")))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void metadataLeavesOutAnAbsentPaymentMethod() {
        RecordingGateway gateway = RecordingGateway.approving();
        new PaymentService(gateway).charge(new PaymentRequest("CONT-2026-000045", "CUST-1", BigDecimal.TEN,
                StripeCurrency.COP, Optional.empty(), "cus_A1", "pm_1"));

        assertThat(gateway.commands.getFirst().metadata())
                .containsOnly(Map.entry("contract_id", "CONT-2026-000045"), Map.entry("customer_id", "CUST-1"));
    }
}
