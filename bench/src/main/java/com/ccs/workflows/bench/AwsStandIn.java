package com.ccs.workflows.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * One local TLS endpoint for every call a function makes on its sample event: the AWS services (JSON protocols by
 * {@code X-Amz-Target}, SNS's query protocol by {@code Action}, IoT data and EventBridge Scheduler by path),
 * Stripe ({@code /v1/...}) and the company registry ({@code /companies/...}). It answers from the canned
 * {@link Reply replies} of the function being measured, keyed {@code Service.Operation}; anything else gets a 400
 * naming the call, so a missing reply shows up in the run's log instead of as a hang.
 */
public final class AwsStandIn implements AutoCloseable {

    /** A canned HTTP answer. */
    public record Reply(int status, String contentType, String body) {
        static Reply json(String body) {
            return new Reply(200, "application/x-amz-json-1.0", body);
        }

        static Reply xml(String body) {
            return new Reply(200, "text/xml", body);
        }
    }

    private final HttpsServer server;
    private final List<String> calls = new ArrayList<>();
    private volatile Map<String, Reply> replies = Map.of();

    private AwsStandIn(HttpsServer server) {
        this.server = server;
    }

    public static AwsStandIn start(Tls tls) throws IOException, GeneralSecurityException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        AwsStandIn standIn = new AwsStandIn(server);
        server.createContext("/", standIn::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return standIn;
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The replies for the next run; clears the calls recorded so far. */
    public synchronized void answer(Map<String, Reply> next) {
        replies = Map.copyOf(next);
        calls.clear();
    }

    /** The calls received since {@link #answer}, as {@code Service.Operation}, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String call = identify(exchange, body);
            synchronized (this) {
                calls.add(call);
            }
            Reply reply = replies.get(call);
            if (reply == null) {
                reply = new Reply(
                        400,
                        "application/x-amz-json-1.0",
                        "{\"__type\":\"UnknownOperationException\",\"message\":\"no canned reply for " + call + "\"}");
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", "bench-request");
            exchange.getResponseHeaders().set("Request-Id", "req_bench");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** {@code Service.Operation} of a request, the key of its canned reply. */
    static String identify(HttpExchange exchange, String body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (target != null && target.contains(".")) {
            String prefix = target.substring(0, target.indexOf('.'));
            String operation = target.substring(target.indexOf('.') + 1);
            return switch (prefix) {
                case "DynamoDB_20120810" -> "DynamoDB." + operation;
                case "secretsmanager" -> "SecretsManager." + operation;
                case "AWSStepFunctions" -> "SFN." + operation;
                default -> prefix + "." + operation;
            };
        }
        if (path.equals("/v1/payment_intents")) {
            return method.equals("POST") ? "Stripe.CreatePaymentIntent" : "Stripe.ListPaymentIntents";
        }
        if (path.startsWith("/v1/payment_intents/")) {
            return "Stripe.RetrievePaymentIntent";
        }
        if (path.equals("/v1/customers/search")) {
            return "Stripe.SearchCustomers";
        }
        if (path.startsWith("/v1/customers/")) {
            return path.endsWith("/payment_methods") ? "Stripe.ListPaymentMethods" : "Stripe.RetrieveCustomer";
        }
        if (path.startsWith("/topics/")) {
            return "IoT.Publish";
        }
        if (path.startsWith("/schedules/")) {
            return "Scheduler." + (method.equals("POST") ? "CreateSchedule" : method + "Schedule");
        }
        if (path.startsWith("/companies/")) {
            return "Registry.GetCompany";
        }
        String action = formValue(body, "Action");
        return action != null ? "SNS." + action : method + " " + path;
    }

    private static String formValue(String body, String name) {
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
