package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.api.HttpServers;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Stripe in test mode for the calls process-payment makes:
 * <ul>
 *   <li>{@code GET /v1/customers/search} with the query {@code metadata['ccs_customer_id']:'<id>'} (nothing else),
 *   {@code GET /v1/customers/{id}} and {@code GET /v1/customers/{id}/payment_methods}: every platform customer
 *   has one Stripe customer, its id derived from the platform id, with {@code pm_card_visa} saved as its default
 *   card, unless {@link #customers()} says otherwise (another card, none, no customer, two customers, a card
 *   that declines after some charges);</li>
 *   <li>{@code POST /v1/payment_intents} (create and confirm off-session), {@code GET /v1/payment_intents/{id}} and
 *   {@code GET /v1/payment_intents} (newest first, filtered by {@code customer} and {@code created[gt|gte|lt|lte]},
 *   paged with {@code limit}, {@code starting_after} and {@code ending_before}); {@code latest_charge} is the
 *   charge's id, or the charge itself with its refunds when {@code expand[]} asks for it;</li>
 *   <li>{@code POST /v1/refunds} of a PaymentIntent, in full or of an {@code amount}: a charge fully refunded
 *   refuses another refund with {@code charge_already_refunded}, a PaymentIntent that did not succeed with
 *   {@code payment_intent_unexpected_state}.</li>
 * </ul>
 *
 * <p>Like Stripe: a secret test key is required; an {@code Idempotency-Key} replays the first answer of a POST
 * (other parameters or another endpoint with the same key are refused) until {@link #pruneIdempotencyKeys()}
 * forgets the keys, as Stripe does after 24 hours; Stripe's test payment methods behave as documented
 * ({@code pm_card_visa} and the other brand tokens succeed; {@code pm_card_chargeDeclined},
 * {@code pm_card_visa_chargeDeclined}, {@code ...InsufficientFunds}, {@code ...ExpiredCard},
 * {@code ...IncorrectCvc}, {@code ...LostCard}, {@code ...StolenCard}, {@code ...Fraudulent},
 * {@code ...ProcessingError} answer a 402 card_error with the PaymentIntent left in requires_payment_method), and
 * any other payment method id is a 400 resource_missing. Amounts are capped as Stripe caps them (eight digits in
 * the currency's minor unit: amount_too_large). Every {@code created} comes from the clock given at start, so that
 * the runner's clock and Stripe's agree. Every PaymentIntent and refund is kept, for the run report and for tests
 * that count them.
 *
 * <p>With a validator (stripe-mock, which answers from Stripe's own API definition but keeps no state, answers
 * fixtures for any id and always leaves a PaymentIntent unpaid), each request is first sent there: what Stripe's
 * API definition refuses (an unknown parameter, a malformed value, in a form or in a query string) is refused
 * with stripe-mock's answer; the rest gets the test-mode outcome above.
 */
public final class StripeStandIn implements AutoCloseable {
    private static final String ROUTES = "GET /v1/customers/search, GET /v1/customers/{id}, GET"
            + " /v1/customers/{id}/payment_methods, POST and GET /v1/payment_intents, GET /v1/payment_intents/{id} and"
            + " POST /v1/refunds";

    /**
     * A PaymentIntent the stand-in created (declined ones included, with their status).
     *
     * @param created epoch seconds, from the stand-in's clock
     * @param chargeId the charge a succeeded PaymentIntent made, null for a declined one
     */
    public record Charge(
            String paymentIntentId,
            long amount,
            String currency,
            String customer,
            String paymentMethod,
            String status,
            Map<String, String> metadata,
            long created,
            String chargeId) {}

    /** A refund the stand-in made. */
    public record Refund(
            String id,
            String paymentIntentId,
            long amount,
            String currency,
            Map<String, String> metadata,
            String chargeId,
            long created) {}

    private final HttpServer server;
    private final StripeCustomers customers;
    private final StripePayments payments;
    private final StripeCustomerEndpoints customerEndpoints;
    private final StripeIdempotency idempotency = new StripeIdempotency();
    private volatile boolean keepKeys = true;
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicReference<Hold> holding = new AtomicReference<>();
    private final AtomicInteger outage = new AtomicInteger();
    private volatile Outage outageKind = Outage.SERVER_ERROR;
    private volatile String outagePath = "/";
    private final AtomicInteger faulted = new AtomicInteger();
    private final AtomicInteger validated = new AtomicInteger();
    private final URI validator;
    private final HttpClient http;

    private StripeStandIn(HttpServer server, URI validator, Supplier<Instant> clock) {
        this.server = server;
        this.validator = validator;
        this.customers = new StripeCustomers(clock);
        this.payments = new StripePayments(clock, customers);
        this.customerEndpoints = new StripeCustomerEndpoints(customers);
        this.http = validator == null
                ? null
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static StripeStandIn start() throws IOException {
        return start(null);
    }

    /** A stand-in that first has every request checked by {@code validator} (stripe-mock); null for none. */
    public static StripeStandIn start(URI validator) throws IOException {
        return start(validator, Instant::now);
    }

    /** As {@link #start(URI)}, with every {@code created} read from {@code clock}. */
    public static StripeStandIn start(URI validator, Supplier<Instant> clock) throws IOException {
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        StripeStandIn stripe = new StripeStandIn(server, validator, clock);
        server.createContext("/", stripe::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return stripe;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Stripe customers, and how to set one up otherwise than with the default saved card. */
    public StripeCustomers customers() {
        return customers;
    }

    /** Every PaymentIntent created, in order (declined ones included, with their status). */
    public List<Charge> charges() {
        return payments.charges();
    }

    /** Every refund created, in order. */
    public List<Refund> refunds() {
        return payments.refunds();
    }

    /** Forgets every idempotency key, as Stripe does after 24 hours; PaymentIntents and refunds stay. */
    public void pruneIdempotencyKeys() {
        idempotency.forget();
    }

    /**
     * With {@code false}, every key is forgotten as soon as its request is answered: each retry meets Stripe as it is
     * more than 24 hours after the first attempt. {@code true} (the default) keeps keys as Stripe does within a day.
     */
    public void keepIdempotencyKeys(boolean keep) {
        keepKeys = keep;
        if (!keep) {
            idempotency.forget();
        }
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
    public enum Outage {
        SERVER_ERROR,
        RATE_LIMITED,
        DROPPED_CONNECTION
    }

    /** The next {@code count} requests answer 500 api_error, as a Stripe incident would. */
    public void outage(int count) {
        outage(count, Outage.SERVER_ERROR);
    }

    /** The next {@code count} requests fail as {@code kind} says. */
    public void outage(int count, Outage kind) {
        outage(count, kind, "/");
    }

    /** The next {@code count} requests to paths starting with {@code pathPrefix} ({@code /v1/refunds}) fail. */
    public void outage(int count, Outage kind, String pathPrefix) {
        outageKind = kind;
        outagePath = pathPrefix;
        outage.set(count);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!auth.startsWith("Bearer sk_test_") && !auth.startsWith("Bearer rk_test_")) {
                send(
                        exchange,
                        new StripeAnswer(
                                401,
                                StripeAnswer.error(
                                        "invalid_request_error",
                                        null,
                                        null,
                                        "Invalid API Key provided: the local Stripe stand-in takes test-mode secret keys (sk_test_...)",
                                        null,
                                        null)));
                return;
            }
            boolean hit = exchange.getRequestURI().getPath().startsWith(outagePath);
            if (hit && outage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                faulted.incrementAndGet();
                switch (outageKind) {
                    case SERVER_ERROR ->
                        send(
                                exchange,
                                new StripeAnswer(
                                        500,
                                        StripeAnswer.error(
                                                "api_error",
                                                null,
                                                null,
                                                "An error occurred with our connection to Stripe.",
                                                null,
                                                null)));
                    case RATE_LIMITED ->
                        send(
                                exchange,
                                new StripeAnswer(
                                        429,
                                        StripeAnswer.error(
                                                "invalid_request_error",
                                                "rate_limit",
                                                null,
                                                "Too many requests hit the API too quickly.",
                                                null,
                                                null)));
                    case DROPPED_CONNECTION -> {
                        exchange.sendResponseHeaders(200, 1024); // announce a body, send a byte of it, hang up
                        exchange.getResponseBody().write('{');
                        exchange.getResponseBody().flush();
                    }
                }
                return;
            }
            String method = exchange.getRequestMethod();
            if (validator != null && !validate(exchange, method, body, auth)) {
                return;
            }
            awaitIfHeld(method, exchange.getRequestURI().getPath(), body);
            StripeAnswer answer;
            try {
                answer = route(exchange, method, body);
            } catch (StripeRefusal refused) {
                answer = refused.answer();
            }
            send(exchange, answer);
            if (!keepKeys) {
                idempotency.forget();
            }
        }
    }

    /** A charge held back: the customer's Stripe id, after how many of its charges, released by the latch. */
    private record Hold(String stripeCustomerId, int after, CountDownLatch released) {}

    /**
     * The next charge of {@code customerId} once it has {@code after} charges waits until {@link #release()}: a
     * payment step caught mid-way, as when its execution is stopped while the invocation is still running. One
     * request is held; later ones pass.
     */
    public void holdNextChargeAfter(String customerId, int after) {
        hold.set(new Hold(StripeCustomers.stripeCustomerId(customerId), after, new CountDownLatch(1)));
    }

    /** Lets the held charge (if any) go on. */
    public void release() {
        Hold held = hold.getAndSet(null);
        if (held != null) {
            held.released().countDown();
        }
        Hold waiting = holding.getAndSet(null);
        if (waiting != null) {
            waiting.released().countDown();
        }
    }

    /** Whether a charge waits for {@link #release()}. */
    public boolean holding() {
        return holding.get() != null;
    }

    private void awaitIfHeld(String method, String path, String body) throws IOException {
        Hold held = hold.get();
        if (held == null
                || !method.equals("POST")
                || !path.equals("/v1/payment_intents")
                || !held.stripeCustomerId().equals(StripeParams.form(body).get("customer"))
                || payments.charges().stream()
                                .filter(c -> held.stripeCustomerId().equals(c.customer()))
                                .count()
                        < held.after()
                || !hold.compareAndSet(held, null)) {
            return;
        }
        holding.set(held);
        try {
            held.released().await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private StripeAnswer route(HttpExchange exchange, String method, String body) {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> path = Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
        Map<String, List<String>> query =
                StripeParams.params(exchange.getRequestURI().getRawQuery());
        String resource = path.size() >= 2 && path.get(0).equals("v1") ? path.get(1) : "";
        int depth = path.size();
        if (method.equals("POST") && depth == 2 && resource.equals("payment_intents")) {
            return idempotency.run(exchange, "/v1/payment_intents", StripeParams.form(body), payments::createIntent);
        }
        if (method.equals("POST") && depth == 2 && resource.equals("refunds")) {
            return idempotency.run(exchange, "/v1/refunds", StripeParams.form(body), payments::createRefund);
        }
        if (method.equals("GET") && resource.equals("payment_intents") && depth <= 3) {
            return depth == 2 ? payments.listIntents(query) : payments.retrieveIntent(path.get(2), query);
        }
        if (method.equals("GET") && resource.equals("customers") && depth == 3) {
            return path.get(2).equals("search")
                    ? customerEndpoints.search(query)
                    : customerEndpoints.retrieve(path.get(2));
        }
        if (method.equals("GET")
                && resource.equals("customers")
                && depth == 4
                && path.get(3).equals("payment_methods")) {
            return customerEndpoints.paymentMethods(path.get(2), query);
        }
        return new StripeAnswer(
                404,
                StripeAnswer.error(
                        "invalid_request_error",
                        null,
                        null,
                        "Unrecognized request URL (" + method + ": "
                                + rawPath + "). The local Stripe stand-in serves " + ROUTES
                                + "; use stripe-mock (--stripe-base-url) for the"
                                + " rest of the API.",
                        null,
                        null));
    }

    /** Sends the request to the validator; false (and its answer sent) when it refuses the request. */
    private boolean validate(HttpExchange exchange, String method, String body, String auth) throws IOException {
        URI uri = validator.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", auth)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
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
        // stripe-mock knows no object made here and answers fixtures for any id: only its refusal of a create (a
        // 4xx) or of a query (a 400: a parameter Stripe's API definition does not allow) is Stripe's word.
        int status = answer.statusCode();
        if (status >= 400 && status < 500 && (method.equals("POST") || status == 400)) {
            send(exchange, new StripeAnswer(status, answer.body()));
            return false;
        }
        validated.incrementAndGet();
        return true;
    }

    // ---- helpers

    private static void send(HttpExchange exchange, StripeAnswer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders()
                .add("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 14));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
