package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.history.PooledJson;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API over HTTP, as AWS serves it: the AWS JSON 1.0 protocol ({@code POST /},
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}, {@code Content-Type: application/x-amz-json-1.0}), errors
 * as HTTP 400 with {@code {"__type": code, "message": ...}} and an {@code x-amzn-ErrorType} header. The AWS CLI
 * ({@code --endpoint-url}), boto3 and the AWS SDK for Java reach it unchanged; any Host is accepted, so the
 * {@code sync-} host prefix of StartSyncExecution only needs the client to resolve it (or to skip the prefix,
 * e.g. {@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION} / boto3's {@code inject_host_prefix=False}).
 * Each request runs on its own virtual thread. See the package documentation for the operations served.
 */
public final class StepFunctionsApiServer implements AutoCloseable {
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** Larger than any valid request (a 1 MB definition, escaped): beyond it the body is not read. */
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StepFunctionsApi api;

    private StepFunctionsApiServer(HttpServer server, ExecutorService executor, StepFunctionsApi api) {
        this.server = server;
        this.executor = executor;
        this.api = api;
    }

    /** Serves {@code engine} on the loopback interface; port 0 picks a free port (see {@link #port()}). */
    public static StepFunctionsApiServer start(Engine engine, int port) throws IOException {
        return start(engine, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public static StepFunctionsApiServer start(Engine engine, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServers.create(address, 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        StepFunctionsApiServer api = new StepFunctionsApiServer(server, executor, new StepFunctionsApi(engine));
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL to pass as {@code --endpoint-url} / {@code endpointOverride}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            int status;
            ObjectNode body;
            String errorType = null;
            try {
                body = api.call(operation(exchange), requestBody(exchange));
                status = 200;
            } catch (EngineException e) {
                status = 400;
                errorType = e.code();
                body = Json.object().put("__type", e.code()).put("message", e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                errorType = "InternalFailure";
                body = Json.object().put("__type", errorType).put("message", String.valueOf(e));
            }
            byte[] bytes = PooledJson.write(body).getBytes(StandardCharsets.UTF_8);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", CONTENT_TYPE);
            headers.set("x-amzn-RequestId", requestId);
            if (errorType != null) {
                headers.set("x-amzn-ErrorType", errorType);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The operation named by X-Amz-Target; null when the request names none (UnknownOperationException). */
    private static String operation(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            return null;
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static ObjectNode requestBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new EngineException(ApiErrors.VALIDATION, "Request body larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = PooledJson.read(bytes);
            if (node == null || !node.isObject()) {
                throw ApiErrors.serialization("The request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw ApiErrors.serialization("Malformed JSON request body: " + e.getOriginalMessage());
        }
    }

    /** Stops accepting requests, ends those in flight, and frees the port. Executions keep running in the engine. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
