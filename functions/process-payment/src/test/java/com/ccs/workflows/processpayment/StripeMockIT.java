package com.ccs.workflows.processpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.shared.event.MiniJson;
import com.ccs.workflows.testing.Emulators;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter against stripe-mock, which checks every request against Stripe's OpenAPI specification
 * (parameter names, types, enums) and answers with fixtures. It proves the request is one Stripe accepts; it
 * cannot show a real outcome (its fixture PaymentIntent is always in {@code requires_payment_method}), which
 * is what {@link StripePaymentGatewayHttpIT} covers.
 */
class StripeMockIT {
    private static final String TEST_KEY = "sk_test_stripeMockIT";

    private static ChargeCommand command() {
        return ChargeCommands.of("CONT-2026-000042", "5000000");
    }

    @Test
    void stripeAcceptsTheCreateAndConfirmRequestWithItsIdempotencyKey() throws StripeException {
        StripeSettings settings = StripeSettings.at(Emulators.stripe());

        StripeResponse answer = settings.newClient(TEST_KEY)
                .rawRequest(
                        ApiResource.RequestMethod.POST,
                        "/v1/payment_intents",
                        PaymentIntentForm.of(command()),
                        RawRequestOptions.builder()
                                .setIdempotencyKey(command().idempotencyKey())
                                .build());
        StripeIntent intent = StripeIntent.parse(answer.body());
        Map<String, Object> json = MiniJson.parseObject(answer.body());

        assertThat(answer.code()).isEqualTo(200);
        assertThat(intent.id()).startsWith("pi_");
        assertThat(intent.amount()).isEqualTo(500_000_000L);
        assertThat(intent.currency()).isEqualTo("cop");
        assertThat(json)
                .containsEntry("customer", "cus_Q7xKcT2mJ9aB4d")
                .containsEntry("payment_method", "pm_card_visa");
        // stripe-mock echoes the header it received.
        assertThat(answer.headers().firstValue("Idempotency-Key")).contains("ccs-stack-1-CONT-2026-000042-pay-1of1");
    }

    @Test
    void theGatewaysRequestPassesValidationAndTheFixtureStatusIsMappedNotMistakenForSuccess() {
        StripePaymentGateway gateway =
                new StripePaymentGateway(StripeSettings.at(Emulators.stripe()), new FixedKeys(TEST_KEY));

        PaymentOutcome outcome = gateway.charge(command());

        // Validation errors would have been thrown as PaymentRequestRejectedException; the fixture is unpaid.
        assertThat(outcome).isInstanceOf(PaymentOutcome.Declined.class);
    }

    @Test
    void everyRequestOfFindingTheCardListingChargesAndRefundingPassesStripesValidation() {
        StripePaymentGateway gateway =
                new StripePaymentGateway(StripeSettings.at(Emulators.stripe()), new FixedKeys(TEST_KEY));

        // stripe-mock answers fixtures: a customer without a default method, with one saved card.
        CustomerLookup found = gateway.findCustomer("CUST-98765");
        assertThat(found).isInstanceOf(CustomerLookup.Found.class);
        String customer = ((CustomerLookup.Found) found).stripeCustomerId();
        assertThat(gateway.defaultPaymentMethod(customer))
                .hasValueSatisfying(id -> assertThat(id).startsWith("pm_"));
        assertThat(gateway.chargesOf(customer, Optional.of(Instant.parse("2026-03-02T14:50:00Z"))))
                .isNotEmpty()
                .allSatisfy(charge -> assertThat(charge.id()).startsWith("pi_"));
        gateway.refund(new RefundCommand(
                "ccs-stack-1-CONT-2026-000042-refund-1of1",
                "pi_123",
                Map.of("contract_id", "CONT-2026-000042", "ccs_scope", "stack-1", "ccs_part", "1/1")));
    }

    @Test
    void theServiceRunsAChargeAndARefundThroughStripesValidation() {
        PaymentService service = new PaymentService(
                new StripePaymentGateway(StripeSettings.at(Emulators.stripe()), new FixedKeys(TEST_KEY)), "stack-1");
        PaymentRequest request = new PaymentRequest(
                PaymentRequest.Operation.CHARGE,
                "CONT-2026-000042",
                "CUST-98765",
                new BigDecimal("15000000"),
                StripeCurrency.COP,
                Optional.of("credit_card"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Instant.parse("2026-03-02T15:00:00Z")),
                Optional.empty());

        // The fixture PaymentIntent is unpaid: the first part is "declined", which is mapped, not mistaken for success.
        assertThat(service.charge(request, Deadline.none())).isInstanceOf(PaymentResult.Failed.class);
        assertThat(service.refund(request, Deadline.none())).isInstanceOf(PaymentResult.Refunded.class);
    }

    @Test
    void aKeyStripeRefusesIsACredentialsErrorThatLeaksNoKeyMaterial() {
        // stripe-mock accepts test-mode keys only, so a live-looking key gets Stripe's 401.
        String refused = "sk_live_stripeMockIT";
        FixedKeys keys = new FixedKeys(refused);
        StripePaymentGateway gateway = new StripePaymentGateway(StripeSettings.at(Emulators.stripe()), keys);

        assertThatThrownBy(() -> gateway.charge(command()))
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("401")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("stripeMockIT")
                        // stripe-mock quotes the Authorization header, base64 included: none of it may pass through.
                        .doesNotContain(
                                Base64.getEncoder().encodeToString((refused + ":").getBytes(StandardCharsets.UTF_8))));
        assertThat(keys.refreshes).isEqualTo(1);
    }
}
