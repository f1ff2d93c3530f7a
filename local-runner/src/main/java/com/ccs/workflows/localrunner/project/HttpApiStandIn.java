package com.ccs.workflows.localrunner.project;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP API's approval route on a loopback port: {@code GET|POST /approvals/{approval_id}/{decision}} becomes
 * the payload 2.0 event API Gateway hands the approval-callback function, and its response goes back as the HTTP
 * answer. The approval functions' APPROVAL_BASE_URL points here, so the links in the manager's message work on
 * this machine (in a browser while {@code serve} runs, or taken by {@code run --approve}).
 */
public final class HttpApiStandIn implements AutoCloseable {
  private final HttpServer server;
  private final Supplier<InProcessFunction> callback;

  private HttpApiStandIn(HttpServer server, Supplier<InProcessFunction> callback) {
    this.server = server;
    this.callback = callback;
  }

  static HttpApiStandIn start(Supplier<InProcessFunction> callback) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    HttpApiStandIn api = new HttpApiStandIn(server, callback);
    server.createContext("/approvals/", api::serve);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return api;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = baseUrl().resolve(exchange.getRequestURI());
      ObjectNode event = WorkflowRun.httpEvent(exchange.getRequestMethod(), uri, body,
          exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRemoteAddress().getAddress().getHostAddress());
      InProcessFunction.Invocation invocation = callback.get().invoke(Json.write(event));
      if (invocation.failed()) {
        send(exchange, 502, "application/json", "{\"message\":\"Internal server error\"}");
        return;
      }
      JsonNode response = Json.parse(invocation.payload());
      response.path("headers").properties().forEach(h -> exchange.getResponseHeaders().add(h.getKey(),
          h.getValue().asText()));
      send(exchange, response.path("statusCode").asInt(200), null, response.path("body").asText(""));
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
