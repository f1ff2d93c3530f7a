package com.ccs.workflows.localrunner.standins;

import com.ccs.workflows.localrunner.api.HttpServers;
import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.Execution;
import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.lambda.InProcessFunction;
import com.ccs.workflows.localrunner.template.ProjectResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The template's HTTP API on a loopback port. A route the template integrates with a function ({@code aws_proxy},
 * e.g. {@code GET|POST /approvals/{approval_id}/{decision}}) becomes the payload 2.0 event API Gateway hands that
 * function, and its response goes back as the HTTP answer; the functions' links point here
 * ({@link StandInWiring}), so the links in the manager's message work on this machine (in a browser while
 * {@code serve} runs, or taken by {@code run --approve}). The routes the template integrates with Step Functions
 * ({@code POST /contracts}: StartExecution named after a body field, {@code POST /incidents}: StartSyncExecution)
 * start the local state machines and answer what Step Functions answers. The routes' IAM authorisation is not
 * checked here.
 */
public final class HttpApiStandIn implements AutoCloseable {
    private final HttpServer server;
    private final Function<String, InProcessFunction> functions;
    private final String accountId;
    private volatile Engine engine;

    private HttpApiStandIn(HttpServer server, Function<String, InProcessFunction> functions, String accountId) {
        this.server = server;
        this.functions = functions;
        this.accountId = accountId;
    }

    /**
     * Serves {@code routes}, each with the function of its logical id in {@code functions} (looked up per request:
     * the functions are loaded after the API starts, as they need its address).
     */
    public static HttpApiStandIn start(
            List<ProjectResources.LambdaRoute> routes, Function<String, InProcessFunction> functions, String accountId)
            throws IOException {
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        HttpApiStandIn api = new HttpApiStandIn(server, functions, accountId);
        Map<String, List<ProjectResources.LambdaRoute>> byPrefix = new LinkedHashMap<>();
        for (ProjectResources.LambdaRoute route : routes) {
            int variable = route.path().indexOf('{');
            String prefix = variable < 0 ? route.path() : route.path().substring(0, variable);
            byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(route);
        }
        byPrefix.forEach((prefix, sharing) -> server.createContext(prefix, exchange -> api.serve(exchange, sharing)));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return api;
    }
    /** Serves the template's Step Functions routes with {@code engine}'s state machines. */
    public void routeToStateMachines(Engine target, List<ProjectResources.StartRoute> routes) {
        this.engine = target;
        for (ProjectResources.StartRoute route : routes) {
            server.createContext(route.path(), exchange -> serveStart(exchange, route));
        }
    }

    private void serveStart(HttpExchange exchange, ProjectResources.StartRoute route) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(route.path())
                    || !exchange.getRequestMethod().equals(route.method())) {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String name = null;
            if (route.nameField() != null) {
                try {
                    JsonNode field = Json.parse(body).path(route.nameField());
                    name = field.isValueNode() && !field.isNull() ? field.asText() : null;
                } catch (IllegalArgumentException e) {
                    // not JSON: Step Functions refuses the input below
                }
            }
            ObjectNode answer;
            try {
                Execution execution = route.synchronous()
                        ? engine.startSyncExecution(route.stateMachineArn(), name, body, Duration.ofMinutes(5))
                        : engine.startExecution(route.stateMachineArn(), name, body);
                answer = Json.object()
                        .put("executionArn", execution.arn())
                        .put("startDate", execution.startDate().toEpochMilli() / 1000.0);
                if (route.synchronous()) {
                    answer.put("stateMachineArn", execution.stateMachineArn())
                            .put("name", execution.name())
                            .put("status", execution.status().name())
                            .put("input", Json.write(execution.input()));
                    if (execution.stopDate() != null) {
                        answer.put("stopDate", execution.stopDate().toEpochMilli() / 1000.0);
                    }
                    if (execution.output() != null) {
                        answer.put("output", Json.write(execution.output()));
                    }
                    if (execution.error() != null) {
                        answer.put("error", execution.error());
                    }
                    if (execution.cause() != null) {
                        answer.put("cause", execution.cause());
                    }
                }
            } catch (EngineException e) {
                send(
                        exchange,
                        400,
                        "application/json",
                        Json.write(Json.object().put("__type", e.code()).put("message", e.getMessage())));
                return;
            }
            send(exchange, 200, "application/json", Json.write(answer));
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange, List<ProjectResources.LambdaRoute> routes) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            ProjectResources.LambdaRoute route = null;
            Map<String, String> pathParameters = null;
            for (ProjectResources.LambdaRoute candidate : routes) {
                Map<String, String> parameters = HttpApiPayload.pathParameters(candidate, path);
                if (parameters != null && candidate.method().equals(exchange.getRequestMethod())) {
                    route = candidate;
                    pathParameters = parameters;
                }
            }
            if (route == null) {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : List.of("Accept", "Content-Type", "Accept-Language")) {
                headers.put(
                        name.toLowerCase(Locale.ROOT),
                        exchange.getRequestHeaders().getFirst(name));
            }
            ObjectNode event = HttpApiPayload.of(
                    route,
                    pathParameters,
                    baseUrl().resolve(exchange.getRequestURI()),
                    body,
                    headers,
                    exchange.getRemoteAddress().getAddress().getHostAddress(),
                    accountId);
            InProcessFunction.Invocation invocation =
                    functions.apply(route.functionLogicalId()).invoke(Json.write(event));
            if (invocation.failed()) {
                send(exchange, 502, "application/json", "{\"message\":\"Internal server error\"}");
                return;
            }
            JsonNode response = Json.parse(invocation.payload());
            response.path("headers")
                    .properties()
                    .forEach(h -> exchange.getResponseHeaders()
                            .add(h.getKey(), h.getValue().asText()));
            send(
                    exchange,
                    response.path("statusCode").asInt(200),
                    null,
                    response.path("body").asText(""));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
