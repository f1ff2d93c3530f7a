package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.ApiResource;
import com.stripe.param.PaymentIntentCreateParams;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping of PaymentIntent states and of the create parameters, without a network. */
class StripePaymentGatewayTest {
    private static final ChargeCommand COMMAND = ChargeCommand.forContract(new PaymentRequest("CONT-2026-000042", "CUST-98765",
            new BigDecimal("5000000"), StripeCurrency.COP, Optional.of("credit_card"), "cus_Q7xKcT2mJ9aB4d", "pm_card_visa"));

    private static PaymentIntent intent(String json) {
        return ApiResource.GSON.fromJson(json, PaymentIntent.class);
    }

    @Test
    void onlySucceededIsMoneyTaken() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_1", "object": "payment_intent", "amount": 500000000, "currency": "cop", "status": "succeeded"}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_1", 500_000_000L, "cop"));
    }

    @Test
    void anIntentNeedingAuthenticationIsDeclinedBecauseNobodyIsThereToAuthenticate() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_2", "object": "payment_intent", "status": "requires_action"}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Declined("authentication_required",
                        "The payment needs the customer's authentication, which an off-session charge cannot ask for."));
    }

    @Test
    void aFailedIntentWithoutErrorDetailsIsStillADecline() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_3", "object": "payment_intent", "status": "requires_payment_method"}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Declined("payment_failed", "The payment method was not charged."));
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_4", "object": "payment_intent", "status": "canceled"}"""), COMMAND))
                .isInstanceOf(PaymentOutcome.Declined.class);
    }

    @Test
    void stillProcessingIsTransientAndAnUnexpectedStatusIsNeverASuccess() {
        assertThatThrownBy(() -> StripePaymentGateway.outcome(intent("""
                {"id": "pi_5", "object": "payment_intent", "status": "processing"}"""), COMMAND))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThatThrownBy(() -> StripePaymentGateway.outcome(intent("""
                {"id": "pi_6", "object": "payment_intent", "status": "requires_capture"}"""), COMMAND))
                .isInstanceOf(PaymentRequestRejectedException.class)
                .hasMessageContaining("requires_capture");
    }

    @Test
    void createParametersConfirmOffSessionWithoutRedirects() {
        Map<String, Object> params = StripePaymentGateway.params(COMMAND).toMap();

        assertThat(params).containsEntry("amount", 500_000_000L)
                .containsEntry("currency", "cop")
                .containsEntry("customer", "cus_Q7xKcT2mJ9aB4d")
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("confirm", true)
                .containsEntry("off_session", true)
                .containsEntry("metadata", Map.of("contract_id", "CONT-2026-000042", "customer_id", "CUST-98765",
                        "payment_method", "credit_card"))
                .containsEntry("automatic_payment_methods", Map.of("enabled", true, "allow_redirects",
                        PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER.getValue()));
    }
}
