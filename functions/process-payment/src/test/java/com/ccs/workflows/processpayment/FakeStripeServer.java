package com.ccs.workflows.processpayment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free local port that answers like Stripe's API does (JSON bodies, the status codes
 * Stripe uses for declines, rate limits and outages) and records every request it receives, headers and form
 * body included, so tests can check what actually went over the wire. Answers are scripted in order; the
 * last one repeats.
 */
final class FakeStripeServer implements AutoCloseable {

    /** One scripted answer. */
    sealed interface Answer {}

    record Json(int status, String body) implements Answer {}

    /** Closes the connection without any response, as a network fault or a crashed proxy would. */
    record Drop() implements Answer {}

    /** Answers only after {@code millis}, to exceed the client's read timeout. */
    record Slow(long millis, Json then) implements Answer {}

    record Recorded(String method, String path, Map<String, String> headers, Map<String, String> form) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    FakeStripeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized FakeStripeServer answer(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headers,
                form(body.isEmpty() && query != null ? query : body)));

        Answer answer = next();
        if (answer instanceof Slow slow) {
            try {
                Thread.sleep(slow.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = slow.then();
        }
        switch (answer) {
            case Drop drop -> throw new IOException("dropping the connection on purpose");
            case Json json -> {
                byte[] bytes = json.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Request-Id", "req_fake" + requests.size());
                exchange.sendResponseHeaders(json.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            case Slow slow -> throw new IllegalStateException("nested slow answers are not supported");
        }
    }

    private synchronized Answer next() {
        if (script.isEmpty()) {
            throw new IllegalStateException("no answer scripted");
        }
        return script.size() == 1 ? script.peekFirst() : script.pollFirst();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // Stripe-shaped bodies.

    static Json succeeded(String id, long amount) {
        return new Json(200, """
                {"id": "%s", "object": "payment_intent", "amount": %d, "amount_received": %d, "currency": "cop",
                 "status": "succeeded", "livemode": false}""".formatted(id, amount, amount));
    }

    static Json cardDeclined(String declineCode, String message) {
        return new Json(402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "%s", "message": "%s",
                 "doc_url": "https://stripe.com/docs/error-codes/card-declined"}}""".formatted(declineCode, message));
    }

    static Json error(int status, String type, String code, String message) {
        return new Json(status, """
                {"error": {"type": "%s", "code": "%s", "message": "%s"}}""".formatted(type, code, message));
    }

    /** A customer search finding {@code ids} (none, one, several). */
    static Json customersFound(String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.isEmpty() ? "" : ",").append("""
                    {"id": "%s", "object": "customer", "metadata": {"ccs_customer_id": "CUST-98765"}}""".formatted(id));
        }
        return new Json(200, """
                {"object": "search_result", "url": "/v1/customers/search", "has_more": false, "data": [%s],
                 "total_count": %d}""".formatted(data, ids.length));
    }

    /** A customer whose default payment method is {@code paymentMethod} (null for none). */
    static Json customer(String id, String paymentMethod) {
        return new Json(200, """
                {"id": "%s", "object": "customer", "default_source": null,
                 "invoice_settings": {"default_payment_method": %s}}""".formatted(id, paymentMethod == null ? "null" : "\"" + paymentMethod + "\""));
    }

    /** A list page: {@code items} are JSON objects. */
    static Json list(boolean hasMore, String... items) {
        return new Json(200, """
                {"object": "list", "url": "/v1/x", "has_more": %s, "data": [%s]}""".formatted(hasMore, String.join(",", items)));
    }

    /** A PaymentIntent as the list shows it, with its latest charge expanded. */
    static String listedIntent(
            String id, String status, long created, String contractId, String part, boolean refunded) {
        return """
                {"id": "%s", "object": "payment_intent", "status": "%s", "created": %d, "amount": 100,
                 "metadata": {"contract_id": "%s", "ccs_scope": "stack-1", "ccs_part": "%s"},
                 "latest_charge": {"id": "ch_%s", "object": "charge", "amount_refunded": %d, "refunded": %s}}""".formatted(id, status, created, contractId, part, id, refunded ? 100 : 0, refunded);
    }
}
