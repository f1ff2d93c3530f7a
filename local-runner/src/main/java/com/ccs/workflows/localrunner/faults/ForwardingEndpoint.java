package com.ccs.workflows.localrunner.faults;

import com.ccs.workflows.localrunner.api.HttpServers;
import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint the functions (and, with faults, the state machines' integrations) see when the runner targets an
 * external endpoint (an emulator) or injects faults: every request is passed on unchanged, except Step Functions
 * calls ({@code X-Amz-Target: AWSStepFunctions.*}, the approval callback's SendTaskSuccess), which belong to the
 * engine in this JVM, not to the emulator's Step Functions, and calls a {@link Faults} rule matches, which get
 * the rule's error, delay or dropped connection. Emulators do not check SigV4 signatures, which the changed Host
 * header would invalidate on AWS itself.
 */
public final class ForwardingEndpoint implements AutoCloseable {
    /** X-Amz-Target prefixes of the AWS JSON protocols, by the service name Step Functions errors use. */
    private static final Map<String, String> SERVICES = Map.of(
            "DynamoDB_20120810",
            "DynamoDB",
            "AmazonSQS",
            "SQS",
            "secretsmanager",
            "SecretsManager",
            "AWSEvents",
            "EventBridge",
            "AmazonSNS",
            "SNS");

    private static final Set<String> HOP =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

    private final HttpServer server;
    private final URI target;
    private final BiFunction<String, JsonNode, JsonNode> stepFunctions;
    private final Faults faults;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ForwardingEndpoint(
            HttpServer server, URI target, BiFunction<String, JsonNode, JsonNode> stepFunctions, Faults faults) {
        this.server = server;
        this.target = target;
        this.stepFunctions = stepFunctions;
        this.faults = faults;
    }

    /** Forwards to {@code target}; {@code faults} may be null. */
    public static ForwardingEndpoint start(
            URI target, BiFunction<String, JsonNode, JsonNode> stepFunctions, Faults faults) throws IOException {
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ForwardingEndpoint endpoint = new ForwardingEndpoint(server, target, stepFunctions, faults);
        server.createContext("/", endpoint::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return endpoint;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (amzTarget != null && amzTarget.startsWith("AWSStepFunctions.")) {
                answerLocally(exchange, amzTarget.substring("AWSStepFunctions.".length()), body);
                return;
            }
            if (faults != null && !applyFault(exchange, amzTarget, body)) {
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                            target.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Applies the fault a rule holds for this call; false when the call is answered (or dropped) here. */
    private boolean applyFault(HttpExchange exchange, String amzTarget, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        boolean query = amzTarget == null
                && String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .startsWith("application/x-www-form-urlencoded");
        if (query) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        Optional<Faults.Fault> fault = faults.forCall(operation(exchange, amzTarget, text, query), text);
        if (fault.isEmpty()) {
            return true;
        }
        switch (fault.get()) {
            case Faults.Slow slow -> {
                try {
                    Thread.sleep(slow.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
            case Faults.Drop drop -> {
                // Announce a body, send part of it, close: the caller reads a premature end of stream.
                exchange.sendResponseHeaders(200, 1024);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                exchange.close();
                return false;
            }
            case Faults.ServiceError error -> {
                sendError(exchange, error, query, amzTarget);
                return false;
            }
            case Faults.FunctionCrash crash -> throw new IllegalStateException("not a call fault");
            case Faults.FunctionTimeout timeout -> throw new IllegalStateException("not a call fault");
        }
    }

    /** {@code <Service>.<Action>}: DynamoDB.PutItem, SNS.Publish, SQS.SendMessage, IoT.Publish ... */
    static String operation(HttpExchange exchange, String amzTarget, String body, boolean query) {
        if (amzTarget != null) {
            int dot = amzTarget.indexOf('.');
            String service = SERVICES.getOrDefault(
                    amzTarget.substring(0, Math.max(0, dot)), amzTarget.substring(0, Math.max(0, dot)));
            return service + "." + amzTarget.substring(dot + 1);
        }
        if (query) {
            Matcher action = ACTION.matcher(body);
            return "SNS." + (action.find() ? action.group(1) : "Unknown");
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/topics/")) {
            return "IoT.Publish";
        }
        if (path.startsWith("/schedules/")) {
            return "Scheduler." + (exchange.getRequestMethod().equals("DELETE") ? "DeleteSchedule" : "CreateSchedule");
        }
        return "REST." + exchange.getRequestMethod() + " " + path;
    }

    private static void sendError(HttpExchange exchange, Faults.ServiceError error, boolean query, String amzTarget)
            throws IOException {
        byte[] bytes;
        if (query) {
            String type = error.status() >= 500 ? "Receiver" : "Sender";
            bytes = ("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                            + "</Type><Code>" + error.code() + "</Code><Message>" + error.message()
                            + "</Message></Error><RequestId>"
                            + UUID.randomUUID() + "</RequestId></ErrorResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
        } else {
            bytes = Json.write(Json.object().put("__type", error.code()).put("message", error.message()))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", amzTarget == null ? "application/json" : "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", error.code());
        }
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(error.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void answerLocally(HttpExchange exchange, String operation, byte[] body) throws IOException {
        int status = 200;
        JsonNode answer;
        try {
            answer = stepFunctions.apply(
                    operation, body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8)));
        } catch (AwsServiceException e) {
            status = e.status();
            answer = Json.object().put("__type", e.code()).put("message", e.getMessage());
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.code());
        }
        byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
