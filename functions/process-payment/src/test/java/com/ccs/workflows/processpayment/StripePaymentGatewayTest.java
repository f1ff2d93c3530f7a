package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create request's form, the reading of Stripe's answer and the mapping of PaymentIntent states, without a network. */
class StripePaymentGatewayTest {
    private static final ChargeCommand COMMAND = ChargeCommands.of("CONT-2026-000042", "5000000");

    private static StripeIntent intent(String json) {
        return StripeIntent.parse(json);
    }

    @Test
    void onlySucceededIsMoneyTaken() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_1", "object": "payment_intent", "amount": 500000000, "currency": "cop", "status": "succeeded"}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_1", 500_000_000L, "cop", 0));
    }

    @Test
    void anIntentNeedingAuthenticationIsDeclinedBecauseNobodyIsThereToAuthenticate() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_2", "object": "payment_intent", "status": "requires_action"}"""), COMMAND))
                .isEqualTo(
                        new PaymentOutcome.Declined(
                                "authentication_required",
                                "The payment needs the customer's authentication, which an off-session charge cannot ask for."));
    }

    @Test
    void aFailedIntentWithoutErrorDetailsIsStillADecline() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_3", "object": "payment_intent", "status": "requires_payment_method"}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Declined("payment_failed", "The payment method was not charged."));
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_4", "object": "payment_intent", "status": "canceled"}"""), COMMAND)).isInstanceOf(PaymentOutcome.Declined.class);
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
    void aDeclinedAttemptCarriesStripesCodesAndMessage() {
        assertThat(StripePaymentGateway.outcome(intent("""
                {"id": "pi_7", "object": "payment_intent", "status": "requires_payment_method", "amount": 100,
                 "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                 "message": "Your card has insufficient funds.", "payment_method": {"id": "pm_1", "card": {"brand": "visa"}}},
                 "metadata": {"contract_id": "CONT-2026-000042"}, "next_action": null}"""), COMMAND))
                .isEqualTo(new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
    }

    @Test
    void anAnswerThatIsNotAPaymentIntentIsATransientFaultNeverAnOutcome() {
        for (String answer : new String[] {
            "<html>502 Bad Gateway</html>",
            "",
            "{\"object\": \"payment_intent\"}",
            "{\"id\": \"cus_1\", \"object\": \"customer\"}",
            "{\"id\": 42, \"object\": \"payment_intent\"}",
            null
        }) {
            assertThatThrownBy(() -> StripeIntent.parse(answer))
                    .as(String.valueOf(answer))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("Stripe's answer could not be read");
        }
    }

    @Test
    void createFormConfirmsOffSessionWithoutRedirects() {
        String form = PaymentIntentForm.of(COMMAND);
        Map<String, String> fields = new LinkedHashMap<>();
        Arrays.stream(form.split("&"))
                .map(pair -> pair.split("=", 2))
                .forEach(pair -> fields.put(
                        URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));

        assertThat(fields)
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("amount", "500000000"),
                        Map.entry("currency", "cop"),
                        Map.entry("customer", "cus_Q7xKcT2mJ9aB4d"),
                        Map.entry("payment_method", "pm_card_visa"),
                        Map.entry("confirm", "true"),
                        Map.entry("off_session", "true"),
                        Map.entry("automatic_payment_methods[enabled]", "true"),
                        Map.entry("automatic_payment_methods[allow_redirects]", "never"),
                        Map.entry("description", "CCS contract CONT-2026-000042 (customer CUST-98765)"),
                        Map.entry("metadata[contract_id]", "CONT-2026-000042"),
                        Map.entry("metadata[customer_id]", "CUST-98765"),
                        Map.entry("metadata[payment_method]", "credit_card"),
                        Map.entry("metadata[ccs_scope]", "stack-1"),
                        Map.entry("metadata[ccs_part]", "1/1")));
        assertThat(form).doesNotContain(" ", "(");
    }
}
