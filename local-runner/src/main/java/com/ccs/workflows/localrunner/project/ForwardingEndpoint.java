package com.ccs.workflows.localrunner.project;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The endpoint the functions see when the runner targets an external endpoint (an emulator): every request is
 * passed on unchanged, except Step Functions calls ({@code X-Amz-Target: AWSStepFunctions.*}, the approval
 * callback's SendTaskSuccess), which belong to the engine in this JVM, not to the emulator's Step Functions.
 * Emulators do not check SigV4 signatures, which the changed Host header would invalidate on AWS itself.
 */
final class ForwardingEndpoint implements AutoCloseable {
  private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
      "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final URI target;
  private final BiFunction<String, JsonNode, JsonNode> stepFunctions;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ForwardingEndpoint(HttpServer server, URI target, BiFunction<String, JsonNode, JsonNode> stepFunctions) {
    this.server = server;
    this.target = target;
    this.stepFunctions = stepFunctions;
  }

  static ForwardingEndpoint start(URI target, BiFunction<String, JsonNode, JsonNode> stepFunctions)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ForwardingEndpoint endpoint = new ForwardingEndpoint(server, target, stepFunctions);
    server.createContext("/", endpoint::serve);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return endpoint;
  }

  URI uri() {
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
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.toString().replaceAll("/$", "")
              + path + (query == null ? "" : "?" + query)))
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

  private void answerLocally(HttpExchange exchange, String operation, byte[] body) throws IOException {
    int status = 200;
    JsonNode answer;
    try {
      answer = stepFunctions.apply(operation, body.length == 0 ? Json.object()
          : Json.parse(new String(body, StandardCharsets.UTF_8)));
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
