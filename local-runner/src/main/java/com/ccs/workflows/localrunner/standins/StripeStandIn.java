package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.api.HttpServers;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final String DECLINED = "chargeDeclined";
    /** Stripe's limit: eight digits in the currency's smallest unit. */
    static final long MAX_AMOUNT = 99_999_999L;

    private static final Pattern SEARCH =
            Pattern.compile("metadata\\[(['\"])" + StripeCustomers.METADATA_KEY + "\\1]:(['\"])(.*)\\2");
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

    private record Answer(int status, String body) {}

    /** The first answer to an idempotency key, and what it was asked. */
    private record Replay(String endpoint, String fingerprint, Answer answer) {}

    /** A request refused with Stripe's error answer. */
    private static final class Refused extends RuntimeException {
        private final transient Answer answer;

        Refused(int status, String code, String param, String message) {
            super(message, null, false, false);
            this.answer = new Answer(status, error("invalid_request_error", code, null, message, null, param));
        }
    }

    private final HttpServer server;
    private final Supplier<Instant> clock;
    private final StripeCustomers customers;
    private final Map<String, Replay> idempotent = new ConcurrentHashMap<>();
    private volatile boolean keepKeys = true;
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicReference<Hold> holding = new AtomicReference<>();
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final List<String> intentOrder = new CopyOnWriteArrayList<>();
    private final Map<String, Long> refunded = new ConcurrentHashMap<>();
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final List<Refund> refunds = new CopyOnWriteArrayList<>();
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
        this.clock = clock;
        this.customers = new StripeCustomers(clock);
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
        return List.copyOf(charges);
    }

    /** Every refund created, in order. */
    public List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    /** Forgets every idempotency key, as Stripe does after 24 hours; PaymentIntents and refunds stay. */
    public void pruneIdempotencyKeys() {
        idempotent.clear();
    }

    /**
     * With {@code false}, every key is forgotten as soon as its request is answered: each retry meets Stripe as it is
     * more than 24 hours after the first attempt. {@code true} (the default) keeps keys as Stripe does within a day.
     */
    public void keepIdempotencyKeys(boolean keep) {
        keepKeys = keep;
        if (!keep) {
            idempotent.clear();
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
                        new Answer(
                                401,
                                error(
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
                                new Answer(
                                        500,
                                        error(
                                                "api_error",
                                                null,
                                                null,
                                                "An error occurred with our connection to Stripe.",
                                                null,
                                                null)));
                    case RATE_LIMITED ->
                        send(
                                exchange,
                                new Answer(
                                        429,
                                        error(
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
            Answer answer;
            try {
                answer = route(exchange, method, body);
            } catch (Refused refused) {
                answer = refused.answer;
            }
            send(exchange, answer);
            if (!keepKeys) {
                idempotent.clear();
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
                || !held.stripeCustomerId().equals(form(body).get("customer"))
                || charges.stream()
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

    private Answer route(HttpExchange exchange, String method, String body) {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> path = Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
        Map<String, List<String>> query = params(exchange.getRequestURI().getRawQuery());
        String resource = path.size() >= 2 && path.get(0).equals("v1") ? path.get(1) : "";
        int depth = path.size();
        if (method.equals("POST") && depth == 2 && resource.equals("payment_intents")) {
            return idempotent(exchange, "/v1/payment_intents", form(body), this::createIntent);
        }
        if (method.equals("POST") && depth == 2 && resource.equals("refunds")) {
            return idempotent(exchange, "/v1/refunds", form(body), this::createRefund);
        }
        if (method.equals("GET") && resource.equals("payment_intents") && depth <= 3) {
            return depth == 2 ? listIntents(query) : retrieveIntent(path.get(2), query);
        }
        if (method.equals("GET") && resource.equals("customers") && depth == 3) {
            return path.get(2).equals("search") ? searchCustomers(query) : retrieveCustomer(path.get(2));
        }
        if (method.equals("GET")
                && resource.equals("customers")
                && depth == 4
                && path.get(3).equals("payment_methods")) {
            return customerPaymentMethods(path.get(2), query);
        }
        return new Answer(
                404,
                error(
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
            send(exchange, new Answer(status, answer.body()));
            return false;
        }
        validated.incrementAndGet();
        return true;
    }

    /** Runs a POST once per idempotency key: the same key and parameters replay the first answer. */
    private Answer idempotent(
            HttpExchange exchange,
            String endpoint,
            Map<String, String> params,
            Function<Map<String, String>, Answer> action) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null) {
            return action.apply(params);
        }
        String fingerprint = new TreeMap<>(params).toString();
        AtomicBoolean fresh = new AtomicBoolean();
        Replay first = idempotent.computeIfAbsent(key, k -> {
            fresh.set(true);
            Answer answer;
            try {
                answer = action.apply(params);
            } catch (Refused refused) {
                answer = refused.answer;
            }
            return new Replay(endpoint, fingerprint, answer);
        });
        if (!first.endpoint().equals(endpoint)) {
            throw new Refused(
                    400,
                    "idempotency_error",
                    null,
                    "Keys for idempotent requests can only be used for the same"
                            + " endpoint they were first used for ('" + first.endpoint() + "' vs '" + endpoint
                            + "'). Try using a key"
                            + " other than '" + key + "' if you meant to execute a different request.");
        }
        if (!first.fingerprint().equals(fingerprint)) {
            throw new Refused(
                    400,
                    "idempotency_error",
                    null,
                    "Keys for idempotent requests can only be used with the"
                            + " same parameters they were first used with. Try using a key other than '" + key
                            + "' if you meant to"
                            + " execute a different request.");
        }
        exchange.getResponseHeaders().add("Idempotency-Key", key);
        if (!fresh.get()) {
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
        }
        return first.answer();
    }

    // ---- customers

    private Answer searchCustomers(Map<String, List<String>> query) {
        String text = first(query, "query");
        if (text == null) {
            throw new Refused(400, "parameter_missing", "query", "Missing required param: query.");
        }
        String customerId = searchedCustomer(text.strip());
        int limit = limit(query);
        List<ObjectNode> found = customers.search(customerId);
        ObjectNode result = Json.object()
                .put("object", "search_result")
                .put("url", "/v1/customers/search")
                .put("has_more", found.size() > limit);
        ArrayNode data = result.putArray("data");
        found.stream().limit(limit).forEach(data::add);
        result.putNull("next_page");
        result.put("total_count", found.size());
        return new Answer(200, Json.write(result));
    }

    /** The platform customer id of {@code metadata['ccs_customer_id']:'X'}, the one query the stand-in answers. */
    private static String searchedCustomer(String query) {
        Matcher matcher = SEARCH.matcher(query);
        if (matcher.matches()) {
            char quote = matcher.group(2).charAt(0);
            String quoted = matcher.group(3);
            StringBuilder value = new StringBuilder();
            boolean valid = true;
            for (int i = 0; i < quoted.length() && valid; i++) {
                char c = quoted.charAt(i);
                if (c == '\\' && i + 1 < quoted.length()) {
                    value.append(quoted.charAt(++i)); // Stripe's search escapes a quote inside a value with a backslash
                } else {
                    valid = c != quote && c != '\\';
                    value.append(c);
                }
            }
            if (valid) {
                return value.toString();
            }
        }
        throw new Refused(
                400,
                null,
                "query",
                "The local Stripe stand-in searches customers by their platform id only,"
                        + " with the query metadata['" + StripeCustomers.METADATA_KEY + "']:'<id>'; got: " + query
                        + ". Use stripe-mock (--stripe-base-url) for other searches.");
    }

    private Answer retrieveCustomer(String id) {
        ObjectNode customer = customers.retrieve(id);
        if (customer == null) {
            throw noSuchCustomer(id);
        }
        return new Answer(200, Json.write(customer));
    }

    private Answer customerPaymentMethods(String id, Map<String, List<String>> query) {
        List<ObjectNode> methods = customers.paymentMethods(id);
        if (methods == null) {
            throw noSuchCustomer(id);
        }
        String type = first(query, "type");
        List<ObjectNode> matching = methods.stream()
                .filter(m -> type == null || type.equals(m.path("type").asText()))
                .toList();
        return new Answer(200, Json.write(list("/v1/customers/" + id + "/payment_methods", matching, limit(query))));
    }

    private static Refused noSuchCustomer(String id) {
        return new Refused(404, "resource_missing", "id", "No such customer: '" + id + "'");
    }

    // ---- payment intents

    private synchronized Answer createIntent(Map<String, String> params) {
        for (String required : List.of("amount", "currency")) {
            if (!params.containsKey(required)) {
                throw new Refused(400, "parameter_missing", required, "Missing required param: " + required + ".");
            }
        }
        long amount = integer(params.get("amount"), "amount");
        if (amount > MAX_AMOUNT) {
            throw new Refused(
                    400,
                    "amount_too_large",
                    "amount",
                    "Amount must be no more than " + MAX_AMOUNT + " in the currency's smallest unit.");
        }
        String paymentMethod = params.get("payment_method");
        if (paymentMethod == null || !paymentMethod.startsWith("pm_card_")) {
            throw new Refused(
                    400, "resource_missing", "payment_method", "No such PaymentMethod: '" + paymentMethod + "'");
        }
        String customer = params.get("customer");
        String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = clock.get().getEpochSecond();
        ObjectNode intent = Json.object();
        intent.put("id", id)
                .put("object", "payment_intent")
                .put("amount", amount)
                .put("currency", params.get("currency").toLowerCase(Locale.ROOT))
                .put("customer", customer)
                .put("payment_method", paymentMethod)
                .put("description", params.get("description"))
                .put("capture_method", "automatic_async")
                .put("confirmation_method", "automatic")
                .put("created", created)
                .put("livemode", false);
        ObjectNode metadata = intent.putObject("metadata");
        Map<String, String> meta = metadata(params);
        meta.forEach(metadata::put);
        String decline = declineCode(customers.chargeAs(customer, paymentMethod));
        if (decline == null) {
            String chargeId = "ch_" + id.substring(3);
            intent.put("status", "succeeded").put("amount_received", amount).put("latest_charge", chargeId);
            intent.putNull("last_payment_error");
            keep(
                    intent,
                    new Charge(
                            id,
                            amount,
                            intent.get("currency").asText(),
                            customer,
                            paymentMethod,
                            "succeeded",
                            meta,
                            created,
                            chargeId));
            return new Answer(200, Json.write(intent));
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
        ObjectNode lastError = Json.object()
                .put("type", "card_error")
                .put("code", code)
                .put("decline_code", decline)
                .put("message", message);
        intent.put("status", "requires_payment_method").put("amount_received", 0);
        intent.putNull("latest_charge"); // no money moved: nothing to list as a charge or to refund
        intent.set("last_payment_error", lastError);
        keep(
                intent,
                new Charge(
                        id,
                        amount,
                        intent.get("currency").asText(),
                        customer,
                        paymentMethod,
                        "requires_payment_method",
                        meta,
                        created,
                        null));
        return new Answer(402, error("card_error", code, decline, message, intent, null));
    }

    private void keep(ObjectNode intent, Charge charge) {
        intents.put(charge.paymentIntentId(), intent);
        intentOrder.add(charge.paymentIntentId());
        charges.add(charge);
    }

    private Answer retrieveIntent(String id, Map<String, List<String>> query) {
        ObjectNode intent = intents.get(id);
        if (intent == null) {
            throw new Refused(404, "resource_missing", "intent", "No such payment_intent: '" + id + "'");
        }
        return new Answer(200, Json.write(render(intent, expands(query, "latest_charge"))));
    }

    /** Stripe's list: newest first, by customer and creation time, a page of {@code limit} after a cursor. */
    private Answer listIntents(Map<String, List<String>> query) {
        int limit = limit(query);
        String customer = first(query, "customer");
        LongPredicate created = createdFilter(query);
        List<ObjectNode> ordered =
                new ArrayList<>(intentOrder.stream().map(intents::get).toList());
        Collections.reverse(ordered);
        ordered.sort(
                Comparator.comparingLong((ObjectNode i) -> i.path("created").asLong())
                        .reversed());
        String after = first(query, "starting_after");
        String before = first(query, "ending_before");
        List<ObjectNode> candidates = ordered;
        if (after != null) {
            candidates = ordered.subList(position(ordered, after, "starting_after") + 1, ordered.size());
        } else if (before != null) {
            candidates = ordered.subList(0, position(ordered, before, "ending_before"));
        }
        List<ObjectNode> matching = candidates.stream()
                .filter(i ->
                        customer == null || customer.equals(i.path("customer").asText(null)))
                .filter(i -> created.test(i.path("created").asLong()))
                .toList();
        // ending_before pages towards newer objects: the page is the one just before the cursor
        List<ObjectNode> page = after == null && before != null && matching.size() > limit
                ? matching.subList(matching.size() - limit, matching.size())
                : matching;
        boolean expand = expands(query, "data.latest_charge");
        ObjectNode list = list(
                "/v1/payment_intents", page.stream().map(i -> render(i, expand)).toList(), limit);
        list.put("has_more", matching.size() > limit);
        return new Answer(200, Json.write(list));
    }

    private static int position(List<ObjectNode> ordered, String id, String param) {
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new Refused(400, "resource_missing", param, "No such payment_intent: '" + id + "'");
    }

    private static LongPredicate createdFilter(Map<String, List<String>> query) {
        LongPredicate filter = t -> true;
        String exact = first(query, "created");
        if (exact != null) {
            long at = integer(exact, "created");
            filter = filter.and(t -> t == at);
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            String value = first(query, "created[" + op + "]");
            if (value == null) {
                continue;
            }
            long bound = integer(value, "created[" + op + "]");
            filter = filter.and(
                    switch (op) {
                        case "gt" -> t -> t > bound;
                        case "gte" -> t -> t >= bound;
                        case "lt" -> t -> t < bound;
                        default -> t -> t <= bound;
                    });
        }
        return filter;
    }

    /** The PaymentIntent as answered: {@code latest_charge} its id, or the charge object when expanded. */
    private ObjectNode render(ObjectNode intent, boolean expandCharge) {
        if (!expandCharge || intent.path("latest_charge").isNull()) {
            return intent;
        }
        ObjectNode copy = intent.deepCopy();
        String id = intent.path("id").asText();
        long amount = intent.path("amount").asLong();
        long amountRefunded = refunded.getOrDefault(id, 0L);
        ObjectNode charge = copy.putObject("latest_charge");
        charge.put("id", intent.path("latest_charge").asText())
                .put("object", "charge")
                .put("amount", amount)
                .put("amount_captured", amount)
                .put("amount_refunded", amountRefunded)
                .put("refunded", amountRefunded >= amount)
                .put("captured", true)
                .put("paid", true)
                .put("status", "succeeded")
                .put("currency", intent.path("currency").asText())
                .put("customer", intent.path("customer").asText(null))
                .put("payment_intent", id)
                .put("payment_method", intent.path("payment_method").asText())
                .put("created", intent.path("created").asLong())
                .put("livemode", false);
        return copy;
    }

    // ---- refunds

    private synchronized Answer createRefund(Map<String, String> params) {
        String intentId = params.get("payment_intent");
        String param = "payment_intent";
        if (intentId == null && params.get("charge") != null) {
            param = "charge";
            intentId = params.get("charge").startsWith("ch_")
                    ? "pi_" + params.get("charge").substring(3)
                    : params.get("charge"); // a charge's id mirrors its PaymentIntent's
        }
        if (intentId == null) {
            throw new Refused(
                    400,
                    "parameter_missing",
                    null,
                    "One of the following params should be provided for this request: payment_intent or charge.");
        }
        ObjectNode intent = intents.get(intentId);
        if (intent == null) {
            throw new Refused(404, "resource_missing", param, "No such " + param + ": '" + params.get(param) + "'");
        }
        if (!intent.path("status").asText().equals("succeeded")) {
            throw new Refused(
                    400,
                    "payment_intent_unexpected_state",
                    param,
                    "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.");
        }
        String chargeId = intent.path("latest_charge").asText();
        String currency = intent.path("currency").asText();
        long amount = intent.path("amount").asLong();
        long already = refunded.getOrDefault(intentId, 0L);
        if (already >= amount) {
            throw new Refused(
                    400, "charge_already_refunded", null, "Charge " + chargeId + " has already been refunded.");
        }
        long requested = params.containsKey("amount") ? integer(params.get("amount"), "amount") : amount - already;
        if (requested <= 0) {
            throw new Refused(
                    400, "parameter_invalid_integer", "amount", "This value must be greater than or equal to 1.");
        }
        if (requested > amount - already) {
            throw new Refused(
                    400,
                    "amount_too_large",
                    "amount",
                    "Refund amount (" + requested + " " + currency + ") is greater than unrefunded amount on charge ("
                            + (amount - already) + " " + currency + ")");
        }
        refunded.put(intentId, already + requested);
        String id = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = clock.get().getEpochSecond();
        Map<String, String> meta = metadata(params);
        ObjectNode refund = Json.object()
                .put("id", id)
                .put("object", "refund")
                .put("amount", requested)
                .put("currency", currency)
                .put("payment_intent", intentId)
                .put("charge", chargeId)
                .put("status", "succeeded")
                .put("reason", params.get("reason"))
                .put("created", created);
        ObjectNode metadata = refund.putObject("metadata");
        meta.forEach(metadata::put);
        refunds.add(new Refund(id, intentId, requested, currency, meta, chargeId, created));
        return new Answer(200, Json.write(refund));
    }

    // ---- helpers

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

    private static ObjectNode list(String url, List<ObjectNode> items, int limit) {
        ObjectNode list = Json.object().put("object", "list").put("url", url).put("has_more", items.size() > limit);
        ArrayNode data = list.putArray("data");
        items.stream().limit(limit).forEach(data::add);
        return list;
    }

    private static int limit(Map<String, List<String>> query) {
        String value = first(query, "limit");
        long limit = value == null ? 10 : integer(value, "limit");
        if (limit < 1 || limit > 100) {
            throw new Refused(400, "parameter_invalid_integer", "limit", "Invalid limit: must be between 1 and 100");
        }
        return (int) limit;
    }

    private static long integer(String value, String param) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refused(400, "parameter_invalid_integer", param, "Invalid integer: " + value);
        }
    }

    /** Whether {@code expand[]} (or {@code expand[0]}...) names {@code field}. */
    private static boolean expands(Map<String, List<String>> query, String field) {
        return query.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("expand[") && e.getValue().contains(field));
    }

    private static Map<String, String> metadata(Map<String, String> params) {
        Map<String, String> meta = new TreeMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                meta.put(k.substring(9, k.length() - 1), v);
            }
        });
        return meta;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String error(
            String type, String code, String declineCode, String message, ObjectNode intent, String param) {
        ObjectNode error = Json.object().put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        if (param != null) {
            error.put("param", param);
        }
        if (intent != null) {
            error.set("payment_intent", intent.deepCopy());
        }
        ObjectNode root = Json.object();
        root.set("error", error);
        return Json.write(root);
    }

    /** A form body or query string: each name with its values in order ({@code expand[]} repeats). */
    private static Map<String, List<String>> params(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        params(body).forEach((k, v) -> form.put(k, v.getLast()));
        return form;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
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
