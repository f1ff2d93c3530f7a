package com.ccs.workflows.localrunner.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/payment_intents"))
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
      JsonNode known = Json.parse(get(registry.baseUrl().resolve("/companies/860035827"), null).body());
      assertThat(known.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(known.path("name").asText()).isEqualTo("Logistica Andina S.A.S.");

      registry.register("123456789", "Old Co", "SUSPENDED");
      assertThat(get(registry.baseUrl().resolve("/companies/123456789"), null).body()).contains("SUSPENDED");
      registry.unknownNits(null);
      assertThat(get(registry.baseUrl().resolve("/companies/555555555"), null).statusCode()).isEqualTo(404);
      registry.outage(1);
      assertThat(get(registry.baseUrl().resolve("/companies/860035827"), null).statusCode()).isEqualTo(503);
      assertThat(get(registry.baseUrl().resolve("/companies/860035827"), null).statusCode()).isEqualTo(200);
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
      assertThat(Json.parse(replay.body()).path("id").asText()).isEqualTo(intent.path("id").asText());
      assertThat(stripe.charges()).hasSize(1);
      HttpResponse<String> retrieved = get(stripe.baseUrl().resolve("/v1/payment_intents/"
          + intent.path("id").asText()), "sk_test_x");
      assertThat(Json.parse(retrieved.body()).path("status").asText()).isEqualTo("succeeded");

      HttpResponse<String> other = createIntent(stripe.baseUrl(), "sk_test_x", "ccs-payment-CONT-1",
          form.replace("150000", "1"));
      assertThat(other.statusCode()).isEqualTo(400);
      assertThat(other.body()).contains("idempotency_error");
    }
  }

  @Test
  void stripeDeclinesItsDeclineTestCardsWithACardError() throws Exception {
    try (StripeStandIn stripe = StripeStandIn.start()) {
      HttpResponse<String> declined = createIntent(stripe.baseUrl(), "sk_test_x", null,
          "amount=100&currency=cop&payment_method=pm_card_visa_chargeDeclinedInsufficientFunds");

      assertThat(declined.statusCode()).isEqualTo(402);
      JsonNode error = Json.parse(declined.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("card_error");
      assertThat(error.path("code").asText()).isEqualTo("card_declined");
      assertThat(error.path("decline_code").asText()).isEqualTo("insufficient_funds");
      assertThat(error.at("/payment_intent/status").asText()).isEqualTo("requires_payment_method");
      assertThat(StripeStandIn.declineCode("pm_card_chargeDeclined")).isEqualTo("generic_decline");
      assertThat(StripeStandIn.declineCode("pm_card_visa_chargeDeclinedExpiredCard")).isEqualTo("expired_card");
      assertThat(StripeStandIn.declineCode("pm_card_mastercard")).isNull();

      assertThat(createIntent(stripe.baseUrl(), "sk_live_x", null, "amount=1&currency=cop").statusCode())
          .isEqualTo(401);
      assertThat(createIntent(stripe.baseUrl(), "sk_test_x", null,
          "amount=1&currency=cop&payment_method=pm_123").body()).contains("resource_missing");
    }
  }
}
