package com.ccs.workflows.localrunner.project;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe in test mode for the calls process-payment makes: {@code POST /v1/payment_intents} (create and confirm
 * off-session) and {@code GET /v1/payment_intents/{id}}. Like Stripe: a secret test key is required, an
 * {@code Idempotency-Key} replays the first answer (same key, same PaymentIntent; other parameters with the same
 * key are refused), Stripe's test payment methods behave as documented ({@code pm_card_visa} and the other
 * brand tokens succeed; {@code pm_card_chargeDeclined}, {@code pm_card_visa_chargeDeclined},
 * {@code ...InsufficientFunds}, {@code ...ExpiredCard}, {@code ...IncorrectCvc}, {@code ...LostCard},
 * {@code ...StolenCard}, {@code ...Fraudulent}, {@code ...ProcessingError} answer a 402 card_error with the
 * PaymentIntent left in requires_payment_method), and any other payment method id is a 400 resource_missing.
 * Amounts are capped as Stripe caps them (eight digits in the currency's minor unit: amount_too_large).
 * Every PaymentIntent created is kept, for the run report and for tests that count charges.
 *
 * <p>With a validator (stripe-mock, which answers from Stripe's own API definition but keeps no state and
 * always leaves a PaymentIntent unpaid), each request is first sent there: what Stripe's API definition refuses
 * (an unknown parameter, a malformed value) is refused with stripe-mock's answer; the rest gets the test-mode
 * outcome above.
 */
public final class StripeStandIn implements AutoCloseable {
  private static final String DECLINED = "chargeDeclined";
  /** Stripe's limit: eight digits in the currency's smallest unit. */
  static final long MAX_AMOUNT = 99_999_999L;

  /** A charge the stand-in accepted. */
  public record Charge(String paymentIntentId, long amount, String currency, String customer, String paymentMethod,
      String status, Map<String, String> metadata) {}

  private record Answer(int status, String body, String fingerprint) {}

  private final HttpServer server;
  private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
  private final List<Charge> charges = new CopyOnWriteArrayList<>();
  private final AtomicInteger outage = new AtomicInteger();
  private volatile Outage outageKind = Outage.SERVER_ERROR;
  private final AtomicInteger faulted = new AtomicInteger();
  private final AtomicInteger validated = new AtomicInteger();
  private final URI validator;
  private final HttpClient http;

  private StripeStandIn(HttpServer server, URI validator) {
    this.server = server;
    this.validator = validator;
    this.http = validator == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static StripeStandIn start() throws IOException {
    return start(null);
  }

  /** A stand-in that first has every request checked by {@code validator} (stripe-mock); null for none. */
  public static StripeStandIn start(URI validator) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    StripeStandIn stripe = new StripeStandIn(server, validator);
    server.createContext("/", stripe::serve);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return stripe;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every PaymentIntent created, in order (declined ones included, with their status). */
  public List<Charge> charges() {
    return List.copyOf(charges);
  }

  /** How many requests the validator (stripe-mock) accepted. */
  public int validatedRequests() {
    return validated.get();
  }

  /** How many requests an outage has hit so far. */
  public int faultsInjected() {
    return faulted.get();
  }

  /** How an outage shows: Stripe's 500 api_error, its 429 rate limit, or a connection dropped mid-answer. */
  public enum Outage { SERVER_ERROR, RATE_LIMITED, DROPPED_CONNECTION }

  /** The next {@code count} requests answer 500 api_error, as a Stripe incident would. */
  public void outage(int count) {
    outage(count, Outage.SERVER_ERROR);
  }

  /** The next {@code count} requests fail as {@code kind} says. */
  public void outage(int count, Outage kind) {
    outageKind = kind;
    outage.set(count);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!auth.startsWith("Bearer sk_test_") && !auth.startsWith("Bearer rk_test_")) {
        send(exchange, new Answer(401, error("invalid_request_error", null, null,
            "Invalid API Key provided: the local Stripe stand-in takes test-mode secret keys (sk_test_...)", null),
            null));
        return;
      }
      if (outage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        faulted.incrementAndGet();
        switch (outageKind) {
          case SERVER_ERROR -> send(exchange, new Answer(500, error("api_error", null, null,
              "An error occurred with our connection to Stripe.", null), null));
          case RATE_LIMITED -> send(exchange, new Answer(429, error("invalid_request_error", "rate_limit", null,
              "Too many requests hit the API too quickly.", null), null));
          case DROPPED_CONNECTION -> {
            exchange.sendResponseHeaders(200, 1024); // announce a body, send a byte of it, hang up
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
          }
        }
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (validator != null && !validate(exchange, method, body, auth)) {
        return;
      }
      if (method.equals("POST") && path.equals("/v1/payment_intents")) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        Map<String, String> params = form(body);
        String fingerprint = new TreeMap<>(params).toString();
        if (key == null) {
          send(exchange, create(params, fingerprint));
          return;
        }
        Answer first = idempotent.computeIfAbsent(key, k -> create(params, fingerprint));
        if (!first.fingerprint().equals(fingerprint)) {
          send(exchange, new Answer(400, error("idempotency_error", null, null, "Keys for idempotent requests can"
              + " only be used with the same parameters they were first used with. Try using a key other than '"
              + key + "' if you meant to execute a different request.", null), null));
          return;
        }
        exchange.getResponseHeaders().add("Idempotency-Key", key);
        send(exchange, first);
      } else if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
        ObjectNode intent = intents.get(path.substring("/v1/payment_intents/".length()));
        send(exchange, intent == null
            ? new Answer(404, error("invalid_request_error", "resource_missing", null,
                "No such payment_intent: '" + path.substring(path.lastIndexOf('/') + 1) + "'", null), null)
            : new Answer(200, Json.write(intent), null));
      } else {
        send(exchange, new Answer(404, error("invalid_request_error", null, null, "Unrecognized request URL ("
            + method + ": " + path + "). The local Stripe stand-in serves POST /v1/payment_intents and GET"
            + " /v1/payment_intents/{id}; use stripe-mock (--stripe-base-url) for the rest of the API.", null),
            null));
      }
    }
  }

  /** Sends the request to the validator; false (and its answer sent) when it refuses the request. */
  private boolean validate(HttpExchange exchange, String method, String body, String auth) throws IOException {
    URI uri = validator.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Authorization", auth)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    // stripe-mock knows no object created here: only its refusals of a create (a 4xx) are Stripe's word.
    if (answer.statusCode() >= 400 && method.equals("POST")) {
      send(exchange, new Answer(answer.statusCode(), answer.body(), null));
      return false;
    }
    validated.incrementAndGet();
    return true;
  }

  private Answer create(Map<String, String> params, String fingerprint) {
    for (String required : List.of("amount", "currency")) {
      if (!params.containsKey(required)) {
        return new Answer(400, error("invalid_request_error", "parameter_missing", null,
            "Missing required param: " + required + ".", null), fingerprint);
      }
    }
    long amount;
    try {
      amount = Long.parseLong(params.get("amount"));
    } catch (NumberFormatException e) {
      return new Answer(400, error("invalid_request_error", "parameter_invalid_integer", null,
          "Invalid integer: " + params.get("amount"), null), fingerprint);
    }
    if (amount > MAX_AMOUNT) {
      return new Answer(400, error("invalid_request_error", "amount_too_large", null,
          "Amount must be no more than " + MAX_AMOUNT + " in the currency's smallest unit.", null), fingerprint);
    }
    String paymentMethod = params.get("payment_method");
    if (paymentMethod == null || !paymentMethod.startsWith("pm_card_")) {
      return new Answer(400, error("invalid_request_error", "resource_missing", null,
          "No such PaymentMethod: '" + paymentMethod + "'", null), fingerprint);
    }
    String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    ObjectNode intent = Json.object();
    intent.put("id", id).put("object", "payment_intent").put("amount", amount)
        .put("currency", params.get("currency").toLowerCase(Locale.ROOT))
        .put("customer", params.get("customer")).put("payment_method", paymentMethod)
        .put("description", params.get("description")).put("capture_method", "automatic_async")
        .put("confirmation_method", "automatic").put("created", Instant.now().getEpochSecond())
        .put("livemode", false);
    ObjectNode metadata = intent.putObject("metadata");
    Map<String, String> meta = new TreeMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith("metadata[") && k.endsWith("]")) {
        metadata.put(k.substring(9, k.length() - 1), v);
        meta.put(k.substring(9, k.length() - 1), v);
      }
    });
    String decline = declineCode(paymentMethod);
    if (decline == null) {
      intent.put("status", "succeeded").put("amount_received", amount)
          .put("latest_charge", "ch_" + id.substring(3));
      intent.putNull("last_payment_error");
      intents.put(id, intent);
      charges.add(new Charge(id, amount, intent.get("currency").asText(), params.get("customer"), paymentMethod,
          "succeeded", meta));
      return new Answer(200, Json.write(intent), fingerprint);
    }
    String code = switch (decline) {
      case "expired_card", "incorrect_cvc", "processing_error", "authentication_required" -> decline;
      default -> "card_declined";
    };
    String message = switch (decline) {
      case "insufficient_funds" -> "Your card has insufficient funds.";
      case "expired_card" -> "Your card has expired.";
      case "incorrect_cvc" -> "Your card's security code is incorrect.";
      case "processing_error" -> "An error occurred while processing your card. Try again in a little bit.";
      case "authentication_required" -> "Your card was declined. This transaction requires authentication.";
      default -> "Your card was declined.";
    };
    ObjectNode lastError = Json.object().put("type", "card_error").put("code", code).put("decline_code", decline)
        .put("message", message);
    intent.put("status", "requires_payment_method").put("amount_received", 0);
    intent.set("last_payment_error", lastError);
    intents.put(id, intent);
    charges.add(new Charge(id, amount, intent.get("currency").asText(), params.get("customer"), paymentMethod,
        "requires_payment_method", meta));
    return new Answer(402, error("card_error", code, decline, message, intent), fingerprint);
  }

  /** The decline a test payment method stands for (pm_card_[brand_]chargeDeclined[Reason]), null to succeed. */
  static String declineCode(String paymentMethod) {
    if (paymentMethod.startsWith("pm_card_authenticationRequired")) {
      return "authentication_required"; // off-session, nobody can authenticate
    }
    int at = paymentMethod.indexOf(DECLINED);
    if (at < 0) {
      return null;
    }
    String reason = paymentMethod.substring(at + DECLINED.length());
    if (reason.isEmpty()) {
      return "generic_decline";
    }
    StringBuilder snake = new StringBuilder();
    for (char c : reason.toCharArray()) {
      if (Character.isUpperCase(c) && !snake.isEmpty()) {
        snake.append('_');
      }
      snake.append(Character.toLowerCase(c));
    }
    return snake.toString();
  }

  private static String error(String type, String code, String declineCode, String message, ObjectNode intent) {
    ObjectNode error = Json.object().put("type", type).put("message", message);
    if (code != null) {
      error.put("code", code);
    }
    if (declineCode != null) {
      error.put("decline_code", declineCode);
    }
    if (intent != null) {
      error.set("payment_intent", intent.deepCopy());
    }
    ObjectNode root = Json.object();
    root.set("error", error);
    return Json.write(root);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new TreeMap<>();
    List<String> pairs = new ArrayList<>(List.of(body.split("&")));
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 14));
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
