package com.ccs.workflows.processpayment;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.processpayment.FakeStripeServer.Drop;
import com.ccs.workflows.processpayment.FakeStripeServer.Recorded;
import com.ccs.workflows.processpayment.FakeStripeServer.Slow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import static com.ccs.workflows.processpayment.FakeStripeServer.cardDeclined;
import static com.ccs.workflows.processpayment.FakeStripeServer.error;
import static com.ccs.workflows.processpayment.FakeStripeServer.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Stripe adapter against a real local HTTP server answering as Stripe does, for what stripe-mock cannot
 * show (it is stateless and always answers its fixtures): declines, rate limits, outages, dropped connections,
 * timeouts, a rotated key, and the Idempotency-Key header that keeps retries from charging twice.
 */
class StripePaymentGatewayHttpIT {
    private static final String KEY = "sk_test_gatewayHttpIT";

    private FakeStripeServer stripe;
    private StripePaymentGateway gateway;

    @BeforeEach
    void start() throws Exception {
        stripe = new FakeStripeServer();
        gateway = new StripePaymentGateway(StripeSettings.at(stripe.baseUri()), new FixedKeys(KEY));
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void chargesTheSavedPaymentMethodOffSessionInCopMinorUnits() {
        stripe.answer(succeeded("pi_3Success", 500_000_000L));

        PaymentOutcome outcome = gateway.charge(command("CONT-2026-000042", "5000000"));

        assertThat(outcome).isEqualTo(new PaymentOutcome.Succeeded("pi_3Success", 500_000_000L, "cop"));
        Recorded request = stripe.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/payment_intents");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Idempotency-Key")).isEqualTo("ccs-payment-CONT-2026-000042");
        assertThat(request.form())
                .containsEntry("amount", "500000000")
                .containsEntry("currency", "cop")
                .containsEntry("customer", "cus_Q7xKcT2mJ9aB4d")
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("confirm", "true")
                .containsEntry("off_session", "true")
                .containsEntry("automatic_payment_methods[enabled]", "true")
                .containsEntry("automatic_payment_methods[allow_redirects]", "never")
                .containsEntry("metadata[contract_id]", "CONT-2026-000042")
                .containsEntry("metadata[customer_id]", "CUST-98765")
                .containsEntry("description", "CCS contract CONT-2026-000042 (customer CUST-98765)");
    }

    @Test
    void twoCallsForTheSameContractCarryTheSameIdempotencyKeyAndOtherContractsAnother() {
        stripe.answer(succeeded("pi_3Same", 500_000_000L));

        gateway.charge(command("CONT-2026-000042", "5000000"));
        gateway.charge(command("CONT-2026-000042", "5000000"));
        gateway.charge(command("CONT-2026-000043", "5000000"));

        assertThat(stripe.requests()).extracting(r -> r.header("Idempotency-Key")).containsExactly(
                "ccs-payment-CONT-2026-000042", "ccs-payment-CONT-2026-000042", "ccs-payment-CONT-2026-000043");
    }

    @Test
    void aCardDeclineIsDataWithStripesDeclineCodeAndMessage() {
        stripe.answer(cardDeclined("insufficient_funds", "Your card has insufficient funds."));

        PaymentOutcome outcome = gateway.charge(command("CONT-2026-000043", "15000000"));

        assertThat(outcome).isEqualTo(new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
    }

    @Test
    void aCardErrorWithoutDeclineCodeUsesStripesErrorCode() {
        stripe.answer(new FakeStripeServer.Json(402, """
                {"error": {"type": "card_error", "code": "expired_card", "message": "Your card has expired."}}"""));

        assertThat(gateway.charge(command("CONT-2026-000043", "100")))
                .isEqualTo(new PaymentOutcome.Declined("expired_card", "Your card has expired."));
    }

    @Test
    void aPaymentIntentLeftWithoutPaymentMethodIsADecline() {
        stripe.answer(new FakeStripeServer.Json(200, """
                {"id": "pi_3Failed", "object": "payment_intent", "amount": 100, "currency": "cop",
                 "status": "requires_payment_method",
                 "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "do_not_honor",
                                        "message": "Your card was declined."}}"""));

        assertThat(gateway.charge(command("CONT-2026-000043", "1")))
                .isEqualTo(new PaymentOutcome.Declined("do_not_honor", "Your card was declined."));
    }

    @Test
    void rateLimitsAreTransientAndRetriesReplayTheSameKey() {
        stripe.answer(error(429, "invalid_request_error", "rate_limit", "Too many requests."), succeeded("pi_3After429", 100));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000050", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("stripe unavailable")
                .hasMessageContaining("429");
        // What the state machine's retry does next: the same call, hence the same key.
        assertThat(gateway.charge(command("CONT-2026-000050", "1")))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_3After429", 100, "cop"));
        assertThat(stripe.requests()).extracting(r -> r.header("Idempotency-Key")).hasSize(2).containsOnly("ccs-payment-CONT-2026-000050");
    }

    @Test
    void serverErrorsLockTimeoutsAndConcurrentUseOfTheKeyAreTransient() {
        stripe.answer(error(500, "api_error", "internal", "Something went wrong on Stripe's end."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageContaining("500");

        stripe.answer(error(409, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageContaining("409");

        // A retry that overtakes the still-running first attempt: wait and replay, never a second charge.
        stripe.answer(error(409, "idempotency_error", "idempotency_key_in_use",
                "There is currently another in-progress request using this Idempotent Key."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageContaining("409");
    }

    @Test
    void aDroppedConnectionIsTransient() {
        stripe.answer(new Drop());

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000052", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("no answer from Stripe");
        // Whatever the JDK resent on its own went with the same key: still one charge at most.
        assertThat(stripe.requests()).isNotEmpty().extracting(r -> r.header("Idempotency-Key"))
                .containsOnly("ccs-payment-CONT-2026-000052");
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsTransient() {
        StripeSettings impatient = new StripeSettings(Optional.of(stripe.baseUri()), Duration.ofSeconds(2), Duration.ofMillis(200), 0);
        StripePaymentGateway quick = new StripePaymentGateway(impatient, new FixedKeys(KEY));
        stripe.answer(new Slow(1_500, succeeded("pi_3Late", 100)));

        assertThatThrownBy(() -> quick.charge(command("CONT-2026-000053", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("no answer from Stripe");
    }

    @Test
    void aRejectedKeyIsReadAgainOnceAndTheRotatedKeyIsUsed() {
        FixedKeys keys = new FixedKeys("sk_test_oldRevokedKey", "sk_test_rotatedKey");
        StripePaymentGateway rotating = new StripePaymentGateway(StripeSettings.at(stripe.baseUri()), keys);
        stripe.answer(error(401, "invalid_request_error", "api_key_expired", "Expired API Key provided: sk_test_****eKey"),
                succeeded("pi_3Rotated", 100));

        assertThat(rotating.charge(command("CONT-2026-000054", "1"))).isInstanceOf(PaymentOutcome.Succeeded.class);
        assertThat(keys.refreshes).isEqualTo(1);
        assertThat(stripe.requests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer sk_test_oldRevokedKey", "Bearer sk_test_rotatedKey");
        assertThat(stripe.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly("ccs-payment-CONT-2026-000054");
    }

    @Test
    void aKeyStillRejectedAfterReadingItAgainIsACredentialsErrorThatDoesNotQuoteTheKey() {
        FixedKeys keys = new FixedKeys("sk_test_wrongKey123");
        StripePaymentGateway wrong = new StripePaymentGateway(StripeSettings.at(stripe.baseUri()), keys);
        stripe.answer(error(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: sk_test_wrongKey123"));

        assertThatThrownBy(() -> wrong.charge(command("CONT-2026-000055", "1")))
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("401")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrongKey"));
        assertThat(keys.refreshes).isEqualTo(1);
    }

    @Test
    void aRefusedRequestIsNotRetriedAndNamesStripesCode() {
        stripe.answer(error(400, "invalid_request_error", "resource_missing", "No such customer: 'cus_Q7xKcT2mJ9aB4d'"));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000056", "1")))
                .isInstanceOf(PaymentRequestRejectedException.class)
                .hasMessageContaining("No such customer")
                .extracting(e -> ((PaymentRequestRejectedException) e).code()).isEqualTo("resource_missing");
    }

    @Test
    void anAmountStripeWillNotChargeIsADeclineWithStripesCodeNotAnError() {
        stripe.answer(error(400, "invalid_request_error", "amount_too_large", "Amount must be no more than 99,999,999"));
        assertThat(gateway.charge(command("CONT-2026-000058", "15000000")))
                .isEqualTo(new PaymentOutcome.Declined("amount_too_large", "Amount must be no more than 99,999,999"));

        stripe.answer(error(400, "invalid_request_error", "amount_too_small", "Amount must be at least 2.000,00 col$"));
        assertThat(gateway.charge(command("CONT-2026-000059", "1")))
                .isEqualTo(new PaymentOutcome.Declined("amount_too_small", "Amount must be at least 2.000,00 col$"));
        assertThat(stripe.requests()).hasSize(2);
    }

    @Test
    void reusingAContractsKeyWithOtherParametersIsRefusedNotRetried() {
        stripe.answer(error(400, "idempotency_error", "idempotency_error",
                "Keys for idempotent requests can only be used with the same parameters they were first used with."));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000057", "2")))
                .isInstanceOf(PaymentRequestRejectedException.class)
                .hasMessageContaining("same parameters");
    }

    @Test
    void aPaymentStillProcessingIsLookedUpAgainAndReportedOnceFinal() {
        stripe.answer(new FakeStripeServer.Json(200, """
                {"id": "pi_3Slow", "object": "payment_intent", "amount": 100, "currency": "cop", "status": "processing"}"""),
                succeeded("pi_3Slow", 100));

        assertThat(gateway.charge(command("CONT-2026-000058", "1")))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_3Slow", 100, "cop"));
        assertThat(stripe.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v1/payment_intents", "GET /v1/payment_intents/pi_3Slow");
    }

    private static ChargeCommand command(String contractId, String pesos) {
        return ChargeCommand.forContract(new PaymentRequest(contractId, "CUST-98765", new BigDecimal(pesos), StripeCurrency.COP,
                Optional.empty(), "cus_Q7xKcT2mJ9aB4d", "pm_card_visa"));
    }
}
