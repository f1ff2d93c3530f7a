package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.SampleEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRequestTest {

    @Test
    void readsTheSuccessSampleEvent() throws Exception {
        PaymentRequest request = PaymentRequest.fromEvent(SampleEvents.load("process-payment", "success.json"));

        assertThat(request)
                .isEqualTo(new PaymentRequest(
                        PaymentRequest.Operation.CHARGE,
                        "CONT-2026-000042",
                        "CUST-98765",
                        new BigDecimal("850000"),
                        StripeCurrency.COP,
                        Optional.of("credit_card"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Instant.parse("2026-03-02T15:00:00Z")),
                        Optional.empty()));
        assertThat(request.amountMinor()).isEqualTo(85_000_000L);
        assertThat(request.plan().size()).isEqualTo(1);
    }

    @Test
    void readsTheRefundSampleAndExplicitStripeIds() throws Exception {
        assertThat(PaymentRequest.fromEvent(SampleEvents.load("process-payment", "refund.json"))
                        .operation())
                .isEqualTo(PaymentRequest.Operation.REFUND);
        PaymentRequest declined = PaymentRequest.fromEvent(SampleEvents.load("process-payment", "declined.json"));
        assertThat(declined.stripeCustomerId()).contains("cus_Q7xLd81PqR3sVe");
        assertThat(declined.paymentMethodId()).contains("pm_card_visa_chargeDeclinedInsufficientFunds");
    }

    @Test
    void readsTheProgressTheStateMachineHandsBack() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "module-example.json"));
        event.put(
                "progress",
                Map.of(
                        "status",
                        "in_progress",
                        "details",
                        Map.of(
                                "status",
                                "in_progress",
                                "parts_total",
                                16,
                                "transaction_ids",
                                java.util.List.of("pi_1", "pi_2"),
                                "stripe_customer_id",
                                "cus_T",
                                "payment_method_id",
                                "pm_1Card",
                                "listed_since",
                                1772460000)));

        PaymentProgress progress = PaymentRequest.fromEvent(event).progress().orElseThrow();

        assertThat(progress.paid()).containsExactly("pi_1", "pi_2");
        assertThat(progress.listedSince()).isEqualTo(1772460000L);
        event.put("progress", Map.of("status", "success", "details", Map.of("status", "success")));
        assertThat(PaymentRequest.fromEvent(event).progress()).isEmpty();
    }

    @Test
    void progressForAnotherAmountIsRefused() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put(
                "progress",
                Map.of(
                        "status",
                        "in_progress",
                        "parts_total",
                        16,
                        "transaction_ids",
                        java.util.List.of(),
                        "stripe_customer_id",
                        "cus_T",
                        "payment_method_id",
                        "pm_1Card",
                        "listed_since",
                        1));

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("progress.parts_total"));
    }

    @Test
    void anAmountBeyondWhatOnePaymentCollectsIsRefused() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("amount", 3_000_000_000L);

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .hasMessageStartingWith("amount: is more than one payment collects");
    }

    @Test
    void theInvalidAmountSampleIsRejectedNamingAmount() throws Exception {
        Map<String, Object> event = SampleEvents.load("process-payment", "invalid-amount.json");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount: must be greater than zero, got -250000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"contract_id", "customer_id", "amount", "currency"})
    void everyRequiredFieldIsNamedWhenMissing(String field) throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.remove(field);

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .hasMessageContaining("is required");
    }

    @Test
    void paymentMethodIsOptional() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.remove("payment_method");

        assertThat(PaymentRequest.fromEvent(event).paymentMethod()).isEmpty();
    }

    @Test
    void amountMustBeAJsonNumber() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("amount", "5000000");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event)).hasMessage("amount: must be a number, got a string");
    }

    @Test
    void acceptsAmountsAsTheLambdaSerializerDeliversThem() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("amount", 15_000_000.0d);
        assertThat(PaymentRequest.fromEvent(event).amountMinor()).isEqualTo(1_500_000_000L);
        event.put("amount", 15_000_000L);
        assertThat(PaymentRequest.fromEvent(event).amountMinor()).isEqualTo(1_500_000_000L);
    }

    @Test
    void anUnknownCurrencyIsInvalidInput() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("currency", "USD");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("currency: unsupported currency \"USD\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "tok_visa", "pm_has spaces", "src_123"})
    void onlyStripePaymentMethodIdsAreAcceptedAndTheValueIsNotEchoed(String value) throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("payment_method_id", value);

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("payment_method_id: must be a Stripe payment method id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }

    @Test
    void theStripeCustomerMustBeACustomerId() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("stripe_customer_id", "CUST-98765");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .hasMessage("stripe_customer_id: must be a Stripe customer id (cus_...)");
    }

    @Test
    void contractIdsMustBeShortPlainIdsBecauseTheyFormTheIdempotencyKey() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("contract_id", "CONT 2026/42");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event)).hasMessageStartingWith("contract_id: must be");
    }

    @Test
    void anUnknownOperationIsRefused() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("process-payment", "success.json"));
        event.put("operation", "capture");

        assertThatThrownBy(() -> PaymentRequest.fromEvent(event))
                .hasMessage("operation: must be \"charge\" or \"refund\", got \"capture\"");
    }

    @Test
    void aNonObjectEventIsInvalid() {
        assertThatThrownBy(() -> PaymentRequest.fromEvent(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("$:");
    }
}
