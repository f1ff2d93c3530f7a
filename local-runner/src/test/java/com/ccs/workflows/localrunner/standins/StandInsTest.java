package com.ccs.workflows.localrunner.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The registry and Stripe stand-ins over real HTTP. */
class StandInsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> createIntent(URI base, String key, String idempotencyKey, String form)
            throws Exception {
        return post(base.resolve("/v1/payment_intents"), key, idempotencyKey, form);
    }

    private HttpResponse<String> post(URI uri, String key, String idempotencyKey, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRegistryKnowsTheSampleCompaniesAndCanBeDown() throws Exception {
        try (RegistryStandIn registry = RegistryStandIn.start()) {
            JsonNode known = Json.parse(get(registry.baseUrl().resolve("/companies/860035827"), null)
                    .body());
            assertThat(known.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(known.path("name").asText()).isEqualTo("Logistica Andina S.A.S.");

            registry.register("123456789", "Old Co", "SUSPENDED");
            assertThat(get(registry.baseUrl().resolve("/companies/123456789"), null)
                            .body())
                    .contains("SUSPENDED");
            registry.unknownNits(null);
            assertThat(get(registry.baseUrl().resolve("/companies/555555555"), null)
                            .statusCode())
                    .isEqualTo(404);
            registry.outage(1);
            assertThat(get(registry.baseUrl().resolve("/companies/860035827"), null)
                            .statusCode())
                    .isEqualTo(503);
            assertThat(get(registry.baseUrl().resolve("/companies/860035827"), null)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void stripeChargesATestCardOncePerIdempotencyKey() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start()) {
            String form = "amount=150000&currency=cop&customer=cus_X&payment_method=pm_card_visa&confirm=true"
                    + "&off_session=true&metadata%5Bcontract_id%5D=CONT-2026-000001";
            HttpResponse<String> first = createIntent(stripe.baseUrl(), "sk_test_x", "ccs-payment-CONT-1", form);
            HttpResponse<String> replay = createIntent(stripe.baseUrl(), "sk_test_x", "ccs-payment-CONT-1", form);

            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode intent = Json.parse(first.body());
            assertThat(intent.path("status").asText()).isEqualTo("succeeded");
            assertThat(intent.path("amount").asLong()).isEqualTo(150000);
            assertThat(intent.at("/metadata/contract_id").asText()).isEqualTo("CONT-2026-000001");
            assertThat(Json.parse(replay.body()).path("id").asText())
                    .isEqualTo(intent.path("id").asText());
            assertThat(stripe.charges()).hasSize(1);
            HttpResponse<String> retrieved = get(
                    stripe.baseUrl()
                            .resolve("/v1/payment_intents/" + intent.path("id").asText()),
                    "sk_test_x");
            assertThat(Json.parse(retrieved.body()).path("status").asText()).isEqualTo("succeeded");

            HttpResponse<String> other =
                    createIntent(stripe.baseUrl(), "sk_test_x", "ccs-payment-CONT-1", form.replace("150000", "1"));
            assertThat(other.statusCode()).isEqualTo(400);
            assertThat(other.body()).contains("idempotency_error");
        }
    }

    @Test
    void stripeDeclinesItsDeclineTestCardsWithACardError() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start()) {
            HttpResponse<String> declined = createIntent(
                    stripe.baseUrl(),
                    "sk_test_x",
                    null,
                    "amount=100&currency=cop&payment_method=pm_card_visa_chargeDeclinedInsufficientFunds");

            assertThat(declined.statusCode()).isEqualTo(402);
            JsonNode error = Json.parse(declined.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("card_error");
            assertThat(error.path("code").asText()).isEqualTo("card_declined");
            assertThat(error.path("decline_code").asText()).isEqualTo("insufficient_funds");
            assertThat(error.at("/payment_intent/status").asText()).isEqualTo("requires_payment_method");
            assertThat(StripePayments.declineCode("pm_card_chargeDeclined")).isEqualTo("generic_decline");
            assertThat(StripePayments.declineCode("pm_card_visa_chargeDeclinedExpiredCard"))
                    .isEqualTo("expired_card");
            assertThat(StripePayments.declineCode("pm_card_mastercard")).isNull();

            assertThat(createIntent(stripe.baseUrl(), "sk_live_x", null, "amount=1&currency=cop")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(createIntent(stripe.baseUrl(), "sk_test_x", null, "amount=1&currency=cop&payment_method=pm_123")
                            .body())
                    .contains("resource_missing");
        }
    }

    // ---- Stripe: the requests process-payment makes, encoded as it encodes them

    private static final String KEY = "sk_test_local123";
    private static final String CUSTOMER = "CUST-98765";

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode getJson(URI base, String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(URI.create(base + pathAndQuery), KEY);
        assertThat(response.statusCode())
                .as("%s: %s", pathAndQuery, response.body())
                .isEqualTo(200);
        return Json.parse(response.body());
    }

    private static String search(String customerId) {
        return "/v1/customers/search?query=" + encode("metadata['ccs_customer_id']:'" + customerId + "'") + "&limit=2";
    }

    private static String listOf(String stripeCustomer, Long since, String startingAfter, int limit) {
        return "/v1/payment_intents?customer=" + encode(stripeCustomer) + "&limit=" + limit
                + (since == null ? "" : "&" + encode("created[gte]") + "=" + since)
                + "&" + encode("expand[]") + "=" + encode("data.latest_charge")
                + (startingAfter == null ? "" : "&starting_after=" + encode(startingAfter));
    }

    private static String chargeForm(String stripeCustomer, String paymentMethod, long amount, String part) {
        return "amount=" + amount + "&currency=cop&customer=" + stripeCustomer + "&payment_method=" + paymentMethod
                + "&confirm=true&off_session=true&" + encode("automatic_payment_methods[enabled]") + "=true&"
                + encode("automatic_payment_methods[allow_redirects]") + "=never&description="
                + encode("Contract CONT-1")
                + "&" + encode("metadata[contract_id]") + "=CONT-1&" + encode("metadata[customer_id]") + "=" + CUSTOMER
                + "&" + encode("metadata[payment_method]") + "=saved&" + encode("metadata[ccs_scope]") + "=stack-1&"
                + encode("metadata[ccs_part]") + "=" + part;
    }

    private HttpResponse<String> refund(URI base, String idempotencyKey, String paymentIntent) throws Exception {
        return post(
                base.resolve("/v1/refunds"),
                KEY,
                idempotencyKey,
                "payment_intent=" + paymentIntent + "&" + encode("metadata[contract_id]") + "=CONT-1&"
                        + encode("metadata[reason]") + "=contract_cancelled");
    }

    @Test
    void stripeGivesEveryCustomerOneStripeCustomerWithASavedTestCard() throws Exception {
        String stripeId;
        try (StripeStandIn stripe = StripeStandIn.start()) {
            JsonNode found = getJson(stripe.baseUrl(), search(CUSTOMER));
            assertThat(found.path("object").asText()).isEqualTo("search_result");
            assertThat(found.path("url").asText()).isEqualTo("/v1/customers/search");
            assertThat(found.path("has_more").asBoolean()).isFalse();
            assertThat(found.path("data")).hasSize(1);
            stripeId = found.at("/data/0/id").asText();
            assertThat(stripeId)
                    .isEqualTo(StripeCustomers.stripeCustomerId(CUSTOMER))
                    .matches("cus_[A-Za-z0-9]{14}");
            assertThat(found.at("/data/0/metadata/ccs_customer_id").asText()).isEqualTo(CUSTOMER);

            JsonNode customer = getJson(stripe.baseUrl(), "/v1/customers/" + stripeId);
            assertThat(customer.path("object").asText()).isEqualTo("customer");
            assertThat(customer.at("/invoice_settings/default_payment_method").asText())
                    .isEqualTo("pm_card_visa");
            assertThat(customer.path("default_source").isNull()).isTrue();
            assertThat(customer.path("livemode").asBoolean()).isFalse();
            JsonNode cards =
                    getJson(stripe.baseUrl(), "/v1/customers/" + stripeId + "/payment_methods?type=card&limit=2");
            assertThat(cards.path("object").asText()).isEqualTo("list");
            assertThat(cards.path("data")).singleElement().satisfies(card -> {
                assertThat(card.path("id").asText()).isEqualTo("pm_card_visa");
                assertThat(card.path("object").asText()).isEqualTo("payment_method");
                assertThat(card.path("customer").asText()).isEqualTo(stripeId);
            });

            HttpResponse<String> unknown = get(stripe.baseUrl().resolve("/v1/customers/cus_nobody"), KEY);
            assertThat(unknown.statusCode()).isEqualTo(404);
            JsonNode error = Json.parse(unknown.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("resource_missing");
            assertThat(error.path("message").asText()).isEqualTo("No such customer: 'cus_nobody'");
            assertThat(error.path("param").asText()).isEqualTo("id");
            assertThat(getJson(
                                    stripe.baseUrl(),
                                    "/v1/customers/search?query="
                                            + encode("metadata[\"ccs_customer_id\"]:\"" + CUSTOMER + "\""))
                            .at("/data/0/id")
                            .asText())
                    .isEqualTo(stripeId);
            HttpResponse<String> otherQuery =
                    get(URI.create(stripe.baseUrl() + "/v1/customers/search?query=" + encode("email:'a@b.co'")), KEY);
            assertThat(otherQuery.statusCode()).isEqualTo(400);
            assertThat(Json.parse(otherQuery.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(Json.parse(otherQuery.body()).at("/error/message").asText())
                    .contains("metadata['ccs_customer_id']:'<id>'");
        }
        try (StripeStandIn another = StripeStandIn.start()) {
            assertThat(getJson(another.baseUrl(), search(CUSTOMER))
                            .at("/data/0/id")
                            .asText())
                    .isEqualTo(stripeId);
            assertThat(getJson(another.baseUrl(), search("CUST-1"))
                            .at("/data/0/id")
                            .asText())
                    .isNotEqualTo(stripeId);
        }
    }

    @Test
    void stripeCustomersCanBeSetUpOtherwise() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start()) {
            URI base = stripe.baseUrl();
            String stripeId = StripeCustomers.stripeCustomerId(CUSTOMER);

            stripe.customers().withCard(CUSTOMER, "pm_card_visa_chargeDeclinedInsufficientFunds");
            String card = getJson(base, "/v1/customers/" + stripeId)
                    .at("/invoice_settings/default_payment_method")
                    .asText();
            assertThat(card).isEqualTo("pm_card_visa_chargeDeclinedInsufficientFunds");
            assertThat(getJson(base, "/v1/customers/" + stripeId + "/payment_methods?type=card&limit=2")
                            .at("/data/0/id")
                            .asText())
                    .isEqualTo(card);
            HttpResponse<String> declined = createIntent(base, KEY, "k-declined", chargeForm(stripeId, card, 100, "1"));
            assertThat(declined.statusCode()).isEqualTo(402);
            assertThat(Json.parse(declined.body()).at("/error/decline_code").asText())
                    .isEqualTo("insufficient_funds");

            stripe.customers().withoutCard(CUSTOMER);
            JsonNode cardless = getJson(base, "/v1/customers/" + stripeId);
            assertThat(cardless.at("/invoice_settings/default_payment_method").isNull())
                    .isTrue();
            assertThat(cardless.path("default_source").isNull()).isTrue();
            assertThat(getJson(base, "/v1/customers/" + stripeId + "/payment_methods?type=card&limit=2")
                            .path("data"))
                    .isEmpty();

            stripe.customers().withoutStripeCustomer(CUSTOMER);
            assertThat(getJson(base, search(CUSTOMER)).path("data")).isEmpty();
            assertThat(get(base.resolve("/v1/customers/" + stripeId), KEY).statusCode())
                    .isEqualTo(404);

            stripe.customers().duplicated(CUSTOMER);
            JsonNode two = getJson(base, search(CUSTOMER));
            assertThat(two.path("data")).hasSize(2);
            assertThat(two.path("total_count").asInt()).isEqualTo(2);
            assertThat(two.path("data"))
                    .extracting(c -> c.path("id").asText())
                    .containsExactly(stripeId, StripeCustomers.duplicateStripeCustomerId(CUSTOMER));
            assertThat(two.at("/data/1/metadata/ccs_customer_id").asText()).isEqualTo(CUSTOMER);
            assertThat(getJson(base, "/v1/customers/" + StripeCustomers.duplicateStripeCustomerId(CUSTOMER))
                            .path("id")
                            .asText())
                    .isEqualTo(StripeCustomers.duplicateStripeCustomerId(CUSTOMER));

            stripe.customers().reset();
            JsonNode back = getJson(base, search(CUSTOMER));
            assertThat(back.path("data")).hasSize(1);
            assertThat(back.at("/data/0/invoice_settings/default_payment_method")
                            .asText())
                    .isEqualTo("pm_card_visa");
            assertThatThrownBy(() -> stripe.customers().withCard(CUSTOMER, "pm_1Abc"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pm_card_visa");
        }
    }

    @Test
    void stripeListsACustomersPaymentIntentsNewestFirstByCreationTimeAndPage() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_772_360_000L));
        try (StripeStandIn stripe = StripeStandIn.start(null, now::get)) {
            URI base = stripe.baseUrl();
            String stripeId = StripeCustomers.stripeCustomerId(CUSTOMER);
            String other = StripeCustomers.stripeCustomerId("CUST-OTHER");
            List<String> ids = new ArrayList<>();
            for (int part = 1; part <= 3; part++) {
                HttpResponse<String> created = createIntent(
                        base,
                        KEY,
                        "k-" + part,
                        chargeForm(stripeId, "pm_card_visa", 1000L * part, Integer.toString(part)));
                assertThat(Json.parse(created.body()).path("created").asLong())
                        .isEqualTo(now.get().getEpochSecond());
                ids.add(Json.parse(created.body()).path("id").asText());
                now.set(now.get().plusSeconds(60));
            }
            createIntent(base, KEY, "k-other", chargeForm(other, "pm_card_visa", 5, "1"));
            assertThat(stripe.charges())
                    .extracting(StripeStandIn.Charge::created)
                    .containsExactly(1_772_360_000L, 1_772_360_060L, 1_772_360_120L, 1_772_360_180L);

            JsonNode all = getJson(base, listOf(stripeId, null, null, 100));
            assertThat(all.path("object").asText()).isEqualTo("list");
            assertThat(all.path("url").asText()).isEqualTo("/v1/payment_intents");
            assertThat(all.path("has_more").asBoolean()).isFalse();
            assertThat(all.path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(2), ids.get(1), ids.get(0));
            JsonNode charge = all.at("/data/0/latest_charge");
            assertThat(charge.path("object").asText()).isEqualTo("charge");
            assertThat(charge.path("id").asText()).isEqualTo("ch_" + ids.get(2).substring(3));
            assertThat(charge.path("amount").asLong()).isEqualTo(3000);
            assertThat(charge.path("amount_refunded").asLong()).isZero();
            assertThat(charge.path("refunded").asBoolean()).isFalse();

            JsonNode since = getJson(base, listOf(stripeId, 1_772_360_060L, null, 100));
            assertThat(since.path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(2), ids.get(1));
            assertThat(getJson(
                                    base,
                                    "/v1/payment_intents?customer=" + stripeId + "&" + encode("created[gt]")
                                            + "=1772360000&" + encode("created[lt]") + "=1772360120")
                            .path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(1));
            assertThat(getJson(
                                    base,
                                    "/v1/payment_intents?customer=" + stripeId + "&" + encode("created[lte]")
                                            + "=1772360060")
                            .path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(1), ids.get(0));

            JsonNode first = getJson(base, listOf(stripeId, null, null, 2));
            assertThat(first.path("has_more").asBoolean()).isTrue();
            assertThat(first.path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(2), ids.get(1));
            JsonNode second = getJson(base, listOf(stripeId, null, ids.get(1), 2));
            assertThat(second.path("has_more").asBoolean()).isFalse();
            assertThat(second.path("data"))
                    .extracting(i -> i.path("id").asText())
                    .containsExactly(ids.get(0));

            JsonNode plain = getJson(base, "/v1/payment_intents?customer=" + stripeId + "&limit=1");
            assertThat(plain.at("/data/0/latest_charge").asText())
                    .isEqualTo("ch_" + ids.get(2).substring(3));
            assertThat(getJson(base, "/v1/payment_intents").path("data")).hasSize(4);
            assertThat(get(URI.create(base + "/v1/payment_intents?starting_after=pi_nope"), KEY)
                            .statusCode())
                    .isEqualTo(400);

            stripe.customers().withCard(CUSTOMER, "pm_card_chargeDeclined");
            HttpResponse<String> declined =
                    createIntent(base, KEY, "k-4", chargeForm(stripeId, "pm_card_chargeDeclined", 1, "4"));
            assertThat(declined.statusCode()).isEqualTo(402);
            JsonNode newest = getJson(base, listOf(stripeId, null, null, 1)).at("/data/0");
            assertThat(newest.path("status").asText()).isEqualTo("requires_payment_method");
            assertThat(newest.path("latest_charge").isNull()).isTrue();
        }
    }

    @Test
    void stripeRefundsAPaymentIntentOncePerChargeAndReplaysItsKey() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start(null, () -> Instant.ofEpochSecond(1_772_360_000L))) {
            URI base = stripe.baseUrl();
            String stripeId = StripeCustomers.stripeCustomerId(CUSTOMER);
            String intent = Json.parse(
                            createIntent(base, KEY, "k-charge", chargeForm(stripeId, "pm_card_visa", 150000, "1"))
                                    .body())
                    .path("id")
                    .asText();

            HttpResponse<String> first = refund(base, "ccs-refund-1", intent);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            JsonNode refund = Json.parse(first.body());
            assertThat(refund.path("id").asText()).startsWith("re_");
            assertThat(refund.path("object").asText()).isEqualTo("refund");
            assertThat(refund.path("amount").asLong()).isEqualTo(150000);
            assertThat(refund.path("currency").asText()).isEqualTo("cop");
            assertThat(refund.path("payment_intent").asText()).isEqualTo(intent);
            assertThat(refund.path("charge").asText()).isEqualTo("ch_" + intent.substring(3));
            assertThat(refund.path("status").asText()).isEqualTo("succeeded");
            assertThat(refund.path("created").asLong()).isEqualTo(1_772_360_000L);
            assertThat(refund.at("/metadata/reason").asText()).isEqualTo("contract_cancelled");
            JsonNode charge = getJson(base, listOf(stripeId, null, null, 10)).at("/data/0/latest_charge");
            assertThat(charge.path("amount_refunded").asLong()).isEqualTo(150000);
            assertThat(charge.path("refunded").asBoolean()).isTrue();
            assertThat(getJson(base, "/v1/payment_intents/" + intent + "?" + encode("expand[]") + "=latest_charge")
                            .at("/latest_charge/refunded")
                            .asBoolean())
                    .isTrue();

            HttpResponse<String> replay = refund(base, "ccs-refund-1", intent);
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(Json.parse(replay.body()).path("id").asText())
                    .isEqualTo(refund.path("id").asText());
            assertThat(stripe.refunds()).singleElement().satisfies(r -> {
                assertThat(r.id()).isEqualTo(refund.path("id").asText());
                assertThat(r.paymentIntentId()).isEqualTo(intent);
                assertThat(r.amount()).isEqualTo(150000);
                assertThat(r.currency()).isEqualTo("cop");
                assertThat(r.metadata()).containsEntry("contract_id", "CONT-1");
            });

            HttpResponse<String> again = refund(base, "ccs-refund-2", intent);
            assertThat(again.statusCode()).isEqualTo(400);
            JsonNode error = Json.parse(again.body()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("code").asText()).isEqualTo("charge_already_refunded");
            assertThat(error.path("message").asText())
                    .isEqualTo("Charge ch_" + intent.substring(3) + " has already been refunded.");
            assertThat(refund(base, "k-charge", intent).body())
                    .as("a charge's key")
                    .contains("idempotency_error");
            stripe.pruneIdempotencyKeys();
            assertThat(Json.parse(refund(base, "ccs-refund-1", intent).body())
                            .at("/error/code")
                            .asText())
                    .isEqualTo("charge_already_refunded");
            assertThat(stripe.refunds()).hasSize(1);

            HttpResponse<String> missing = refund(base, "ccs-refund-3", "pi_nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(Json.parse(missing.body()).at("/error/code").asText()).isEqualTo("resource_missing");
            String declined = Json.parse(
                            createIntent(base, KEY, null, chargeForm(stripeId, "pm_card_visa_chargeDeclined", 5, "2"))
                                    .body())
                    .at("/error/payment_intent/id")
                    .asText();
            HttpResponse<String> unpaid = refund(base, "ccs-refund-4", declined);
            assertThat(unpaid.statusCode()).isEqualTo(400);
            assertThat(Json.parse(unpaid.body()).at("/error/code").asText())
                    .isEqualTo("payment_intent_unexpected_state");
        }
    }

    @Test
    void stripeForgetsIdempotencyKeysWhenPrunedButKeepsTheObjects() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start()) {
            String form = chargeForm(StripeCustomers.stripeCustomerId(CUSTOMER), "pm_card_visa", 100, "1");
            String first = Json.parse(createIntent(stripe.baseUrl(), KEY, "ccs-payment-1", form)
                            .body())
                    .path("id")
                    .asText();
            HttpResponse<String> replay = createIntent(stripe.baseUrl(), KEY, "ccs-payment-1", form);
            assertThat(Json.parse(replay.body()).path("id").asText()).isEqualTo(first);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");

            stripe.pruneIdempotencyKeys();
            String second = Json.parse(createIntent(stripe.baseUrl(), KEY, "ccs-payment-1", form)
                            .body())
                    .path("id")
                    .asText();
            assertThat(second).isNotEqualTo(first);
            assertThat(stripe.charges())
                    .extracting(StripeStandIn.Charge::paymentIntentId)
                    .containsExactly(first, second);
            assertThat(getJson(stripe.baseUrl(), "/v1/payment_intents/" + first)
                            .path("status")
                            .asText())
                    .isEqualTo("succeeded");
        }
    }

    @Test
    void stripeDeclinesACardAfterTheSuccessesItWasGiven() throws Exception {
        try (StripeStandIn stripe = StripeStandIn.start()) {
            URI base = stripe.baseUrl();
            String stripeId = StripeCustomers.stripeCustomerId(CUSTOMER);
            stripe.customers().declineAfter(CUSTOMER, 2, "pm_card_visa_chargeDeclinedInsufficientFunds");
            String card = getJson(base, "/v1/customers/" + stripeId)
                    .at("/invoice_settings/default_payment_method")
                    .asText();
            assertThat(card).isEqualTo("pm_card_visa");

            assertThat(createIntent(base, KEY, "part-1", chargeForm(stripeId, card, 100, "1"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(createIntent(base, KEY, "part-2", chargeForm(stripeId, card, 100, "2"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(createIntent(base, KEY, "part-2", chargeForm(stripeId, card, 100, "2"))
                            .statusCode())
                    .as("a replay is no new charge")
                    .isEqualTo(200);
            HttpResponse<String> third = createIntent(base, KEY, "part-3", chargeForm(stripeId, card, 100, "3"));
            assertThat(third.statusCode()).isEqualTo(402);
            assertThat(Json.parse(third.body()).at("/error/decline_code").asText())
                    .isEqualTo("insufficient_funds");
            assertThat(createIntent(base, KEY, "part-4", chargeForm(stripeId, card, 100, "4"))
                            .statusCode())
                    .isEqualTo(402);
            assertThat(stripe.charges())
                    .extracting(StripeStandIn.Charge::status)
                    .containsExactly("succeeded", "succeeded", "requires_payment_method", "requires_payment_method");
            assertThat(createIntent(
                                    base,
                                    KEY,
                                    "other",
                                    chargeForm(StripeCustomers.stripeCustomerId("CUST-1"), card, 100, "1"))
                            .statusCode())
                    .as("another customer's card")
                    .isEqualTo(200);

            stripe.outage(1);
            assertThat(get(URI.create(base + search(CUSTOMER)), KEY).statusCode())
                    .isEqualTo(500);
            assertThat(get(URI.create(base + search(CUSTOMER)), KEY).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void everyStripeRouteIsWhatStripesApiDefinitionAccepts() throws Exception {
        String endpoint = System.getenv("CCS_TEST_STRIPE_ENDPOINT");
        assumeTrue(endpoint != null && !endpoint.isBlank(), "CCS_TEST_STRIPE_ENDPOINT (a stripe-mock) is not set");
        try (StripeStandIn stripe = StripeStandIn.start(URI.create(endpoint))) {
            URI base = stripe.baseUrl();
            String stripeId = getJson(base, search(CUSTOMER)).at("/data/0/id").asText();
            getJson(base, "/v1/customers/" + stripeId);
            getJson(base, "/v1/customers/" + stripeId + "/payment_methods?type=card&limit=2");
            HttpResponse<String> created =
                    createIntent(base, KEY, "ccs-payment-mock", chargeForm(stripeId, "pm_card_visa", 150000, "1"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String intent = Json.parse(created.body()).path("id").asText();
            getJson(base, "/v1/payment_intents/" + intent);
            long since = Json.parse(created.body()).path("created").asLong();
            assertThat(getJson(base, listOf(stripeId, since, null, 100)).path("data"))
                    .hasSize(1);
            getJson(base, listOf(stripeId, since, intent, 100));
            getJson(
                    base,
                    "/v1/payment_intents?customer=" + stripeId + "&" + encode("created[gt]") + "=1&"
                            + encode("created[lte]") + "=" + since + "&" + encode("created[lt]") + "=" + (since + 1));
            HttpResponse<String> refunded = refund(base, "ccs-refund-mock", intent);
            assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(200);
            assertThat(stripe.validatedRequests()).isEqualTo(9);

            HttpResponse<String> unknownParameter = get(URI.create(base + "/v1/payment_intents?colour=red"), KEY);
            assertThat(unknownParameter.statusCode()).isEqualTo(400);
            HttpResponse<String> unknownField =
                    createIntent(base, KEY, null, chargeForm(stripeId, "pm_card_visa", 1, "1") + "&colour=red");
            assertThat(unknownField.statusCode()).isEqualTo(400);
            assertThat(stripe.charges()).hasSize(1);
        }
    }
}
