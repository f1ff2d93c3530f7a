package com.ccs.workflows.processpayment;

import static com.ccs.workflows.processpayment.FakeStripeServer.cardDeclined;
import static com.ccs.workflows.processpayment.FakeStripeServer.customer;
import static com.ccs.workflows.processpayment.FakeStripeServer.customersFound;
import static com.ccs.workflows.processpayment.FakeStripeServer.error;
import static com.ccs.workflows.processpayment.FakeStripeServer.list;
import static com.ccs.workflows.processpayment.FakeStripeServer.listedIntent;
import static com.ccs.workflows.processpayment.FakeStripeServer.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.processpayment.FakeStripeServer.Drop;
import com.ccs.workflows.processpayment.FakeStripeServer.Recorded;
import com.ccs.workflows.processpayment.FakeStripeServer.Slow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

        assertThat(outcome).isEqualTo(new PaymentOutcome.Succeeded("pi_3Success", 500_000_000L, "cop", 0));
        Recorded request = stripe.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/payment_intents");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("Idempotency-Key")).isEqualTo("ccs-stack-1-CONT-2026-000042-pay-1of1");
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

        assertThat(stripe.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly(
                        "ccs-stack-1-CONT-2026-000042-pay-1of1",
                        "ccs-stack-1-CONT-2026-000042-pay-1of1",
                        "ccs-stack-1-CONT-2026-000043-pay-1of1");
    }

    @Test
    void aCardDeclineIsDataWithStripesDeclineCodeAndMessage() {
        stripe.answer(cardDeclined("insufficient_funds", "Your card has insufficient funds."));

        PaymentOutcome outcome = gateway.charge(command("CONT-2026-000043", "15000000"));

        assertThat(outcome)
                .isEqualTo(new PaymentOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
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
        stripe.answer(
                error(429, "invalid_request_error", "rate_limit", "Too many requests."),
                succeeded("pi_3After429", 100));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000050", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("stripe unavailable")
                .hasMessageContaining("429");
        // What the state machine's retry does next: the same call, hence the same key.
        assertThat(gateway.charge(command("CONT-2026-000050", "1")))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_3After429", 100, "cop", 0));
        assertThat(stripe.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .hasSize(2)
                .containsOnly("ccs-stack-1-CONT-2026-000050-pay-1of1");
    }

    @Test
    void serverErrorsLockTimeoutsAndConcurrentUseOfTheKeyAreTransient() {
        stripe.answer(error(500, "api_error", "internal", "Something went wrong on Stripe's end."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("500");

        stripe.answer(error(409, "invalid_request_error", "lock_timeout", "This object cannot be accessed right now."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("409");

        // A retry that overtakes the still-running first attempt: wait and replay, never a second charge.
        stripe.answer(error(
                409,
                "idempotency_error",
                "idempotency_key_in_use",
                "There is currently another in-progress request using this Idempotent Key."));
        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000051", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("409");
    }

    @Test
    void aDroppedConnectionIsTransient() {
        stripe.answer(new Drop());

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000052", "1")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("no answer from Stripe");
        // Whatever the JDK resent on its own went with the same key: still one charge at most.
        assertThat(stripe.requests())
                .isNotEmpty()
                .extracting(r -> r.header("Idempotency-Key"))
                .containsOnly("ccs-stack-1-CONT-2026-000052-pay-1of1");
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsTransient() {
        StripeSettings impatient =
                new StripeSettings(Optional.of(stripe.baseUri()), Duration.ofSeconds(2), Duration.ofMillis(200), 0);
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
        stripe.answer(
                error(401, "invalid_request_error", "api_key_expired", "Expired API Key provided: sk_test_****eKey"),
                succeeded("pi_3Rotated", 100));

        assertThat(rotating.charge(command("CONT-2026-000054", "1"))).isInstanceOf(PaymentOutcome.Succeeded.class);
        assertThat(keys.refreshes).isEqualTo(1);
        assertThat(stripe.requests())
                .extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer sk_test_oldRevokedKey", "Bearer sk_test_rotatedKey");
        assertThat(stripe.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsOnly("ccs-stack-1-CONT-2026-000054-pay-1of1");
    }

    @Test
    void aKeyStillRejectedAfterReadingItAgainIsACredentialsErrorThatDoesNotQuoteTheKey() {
        FixedKeys keys = new FixedKeys("sk_test_wrongKey123");
        StripePaymentGateway wrong = new StripePaymentGateway(StripeSettings.at(stripe.baseUri()), keys);
        stripe.answer(error(
                401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: sk_test_wrongKey123"));

        assertThatThrownBy(() -> wrong.charge(command("CONT-2026-000055", "1")))
                .isInstanceOf(PaymentProviderCredentialsException.class)
                .hasMessageContaining("401")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrongKey"));
        assertThat(keys.refreshes).isEqualTo(1);
    }

    @Test
    void aRefusedRequestIsNotRetriedAndNamesStripesCode() {
        stripe.answer(
                error(400, "invalid_request_error", "resource_missing", "No such customer: 'cus_Q7xKcT2mJ9aB4d'"));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000056", "1")))
                .isInstanceOf(PaymentRequestRejectedException.class)
                .hasMessageContaining("No such customer")
                .extracting(e -> ((PaymentRequestRejectedException) e).code())
                .isEqualTo("resource_missing");
    }

    @Test
    void anAmountStripeWillNotChargeIsADeclineWithStripesCodeNotAnError() {
        stripe.answer(
                error(400, "invalid_request_error", "amount_too_large", "Amount must be no more than 99,999,999"));
        assertThat(gateway.charge(command("CONT-2026-000058", "15000000")))
                .isEqualTo(new PaymentOutcome.Declined("amount_too_large", "Amount must be no more than 99,999,999"));

        stripe.answer(error(400, "invalid_request_error", "amount_too_small", "Amount must be at least 2.000,00 col$"));
        assertThat(gateway.charge(command("CONT-2026-000059", "1")))
                .isEqualTo(new PaymentOutcome.Declined("amount_too_small", "Amount must be at least 2.000,00 col$"));
        assertThat(stripe.requests()).hasSize(2);
    }

    @Test
    void reusingAContractsKeyWithOtherParametersIsRefusedNotRetried() {
        stripe.answer(error(
                400,
                "idempotency_error",
                "idempotency_error",
                "Keys for idempotent requests can only be used with the same parameters they were first used with."));

        assertThatThrownBy(() -> gateway.charge(command("CONT-2026-000057", "2")))
                .isInstanceOf(PaymentRequestRejectedException.class)
                .hasMessageContaining("same parameters");
    }

    @Test
    void aPaymentStillProcessingIsLookedUpAgainAndReportedOnceFinal() {
        stripe.answer(new FakeStripeServer.Json(200, """
                {"id": "pi_3Slow", "object": "payment_intent", "amount": 100, "currency": "cop", "status": "processing"}"""), succeeded("pi_3Slow", 100));

        assertThat(gateway.charge(command("CONT-2026-000058", "1")))
                .isEqualTo(new PaymentOutcome.Succeeded("pi_3Slow", 100, "cop", 0));
        assertThat(stripe.requests())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v1/payment_intents", "GET /v1/payment_intents/pi_3Slow");
    }

    @Test
    void theCustomerIsFoundByItsPlatformIdAndTwoMatchesAreAmbiguous() {
        stripe.answer(customersFound("cus_One"));
        assertThat(gateway.findCustomer("CUST-98765")).isEqualTo(new CustomerLookup.Found("cus_One"));
        stripe.answer(customersFound());
        assertThat(gateway.findCustomer("CUST-98765")).isEqualTo(new CustomerLookup.Missing());
        stripe.answer(customersFound("cus_One", "cus_Two"));
        assertThat(gateway.findCustomer("CUST-98765")).isEqualTo(new CustomerLookup.Ambiguous(2));
        assertThat(stripe.requests())
                .allSatisfy(r -> assertThat(r.form())
                        .containsEntry("query", "metadata['ccs_customer_id']:'CUST-98765'")
                        .containsEntry("limit", "2"));
    }

    @Test
    void theDefaultCardIsTheInvoiceDefaultElseTheDefaultSourceElseTheOnlySavedCard() {
        stripe.answer(customer("cus_A", "pm_1Default"));
        assertThat(gateway.defaultPaymentMethod("cus_A")).contains("pm_1Default");

        stripe.answer(new FakeStripeServer.Json(200, """
                {"id": "cus_B", "object": "customer", "default_source": "card_1Legacy", "invoice_settings": {}}"""));
        assertThat(gateway.defaultPaymentMethod("cus_B")).contains("card_1Legacy");

        stripe.answer(customer("cus_C", null), list(false, """
                {"id": "pm_1Only", "object": "payment_method", "type": "card"}"""));
        assertThat(gateway.defaultPaymentMethod("cus_C")).contains("pm_1Only");

        stripe.answer(customer("cus_D", null), list(false, """
                {"id": "pm_1X", "object": "payment_method"}""", """
                {"id": "pm_1Y", "object": "payment_method"}"""));
        assertThat(gateway.defaultPaymentMethod("cus_D")).isEmpty();
        assertThat(stripe.requests().getLast().path()).isEqualTo("/v1/customers/cus_D/payment_methods");
        assertThat(stripe.requests().getLast().form()).containsEntry("type", "card");
    }

    @Test
    void theCustomersChargesAreListedPageByPageWithRefundsSeen() {
        stripe.answer(
                list(
                        true,
                        listedIntent("pi_3", "succeeded", 1_772_460_300L, "CONT-2026-000042", "3/3", false),
                        listedIntent("pi_2", "succeeded", 1_772_460_200L, "CONT-2026-000042", "2/3", true)),
                list(
                        false,
                        listedIntent(
                                "pi_1", "requires_payment_method", 1_772_460_100L, "CONT-2026-000042", "1/3", false)));

        List<ChargeRecord> charges = gateway.chargesOf("cus_A", Optional.of(Instant.ofEpochSecond(1_772_460_000L)));

        assertThat(charges)
                .extracting(ChargeRecord::id, ChargeRecord::status, ChargeRecord::refunded)
                .containsExactly(
                        tuple("pi_3", "succeeded", false),
                        tuple("pi_2", "succeeded", true),
                        tuple("pi_1", "requires_payment_method", false));
        assertThat(charges.getFirst().metadata()).containsEntry("ccs_part", "3/3");
        assertThat(stripe.requests()).hasSize(2);
        assertThat(stripe.requests().getFirst().form())
                .containsEntry("customer", "cus_A")
                .containsEntry("limit", "100")
                .containsEntry("created[gte]", "1772460000")
                .containsEntry("expand[]", "data.latest_charge")
                .doesNotContainKey("starting_after");
        assertThat(stripe.requests().getLast().form()).containsEntry("starting_after", "pi_2");
    }

    @Test
    void aRefundCarriesItsKeyAndAChargeAlreadyRefundedIsDone() {
        stripe.answer(new FakeStripeServer.Json(200, """
                {"id": "re_1", "object": "refund", "status": "succeeded", "payment_intent": "pi_1"}"""));
        gateway.refund(new RefundCommand(
                "ccs-stack-1-CONT-2026-000042-refund-1of1", "pi_1", Map.of("contract_id", "CONT-2026-000042")));

        stripe.answer(error(
                400, "invalid_request_error", "charge_already_refunded", "Charge ch_1 has already been refunded."));
        gateway.refund(new RefundCommand("ccs-stack-1-CONT-2026-000042-refund-1of1", "pi_1", Map.of()));

        Recorded refund = stripe.requests().getFirst();
        assertThat(refund.path()).isEqualTo("/v1/refunds");
        assertThat(refund.header("Idempotency-Key")).isEqualTo("ccs-stack-1-CONT-2026-000042-refund-1of1");
        assertThat(refund.form())
                .containsEntry("payment_intent", "pi_1")
                .containsEntry("metadata[contract_id]", "CONT-2026-000042");
    }

    @Test
    void aRefundStripeRefusesForAnotherReasonIsRejected() {
        stripe.answer(error(404, "invalid_request_error", "resource_missing", "No such payment_intent: 'pi_9'"));

        assertThatThrownBy(() -> gateway.refund(new RefundCommand("k", "pi_9", Map.of())))
                .isInstanceOf(PaymentRequestRejectedException.class);
    }

    private static ChargeCommand command(String contractId, String pesos) {
        return ChargeCommands.of(contractId, pesos);
    }
}
