package com.ccs.workflows.localrunner.backend;

import com.ccs.workflows.localrunner.api.HttpServers;
import com.ccs.workflows.localrunner.backend.dynamodb.DynamoDbBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The embedded default backends behind one loopback HTTP endpoint that the AWS SDK talks to exactly as it talks to
 * AWS or an emulator ({@code AWS_ENDPOINT_URL}): DynamoDB, SNS, SQS and Secrets Manager in memory, AWS IoT
 * publishes and EventBridge Scheduler schedules recorded, Step Functions calls handed to the local engine.
 * Requests are routed by {@code X-Amz-Target} (AWS JSON protocols), by {@code Action} (SNS's query protocol) or by
 * path (the REST services). Anything else is answered with an error that says to use an emulator.
 */
public final class EmbeddedAws implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final DynamoDbBackend dynamoDb = new DynamoDbBackend();
    private final SnsBackend sns;
    private final SecretsManagerBackend secrets = new SecretsManagerBackend(REGION, ACCOUNT);
    private final SqsBackend sqs;
    private final RecordingBackends recorded = new RecordingBackends();
    private volatile BiFunction<String, JsonNode, JsonNode> stepFunctions = (operation, request) -> {
        throw AwsServiceException.unsupported("Step Functions", operation);
    };

    private EmbeddedAws(HttpServer server) {
        this.server = server;
        this.sqs = new SqsBackend(endpoint().toString());
        this.sns = new SnsBackend(REGION, ACCOUNT, sqs);
    }

    /** Starts the endpoint on a free loopback port. */
    public static EmbeddedAws start() throws IOException {
        HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        EmbeddedAws aws = new EmbeddedAws(server);
        server.createContext("/", aws::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return aws;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DynamoDbBackend dynamoDb() {
        return dynamoDb;
    }

    public SnsBackend sns() {
        return sns;
    }

    public SqsBackend sqs() {
        return sqs;
    }

    public SecretsManagerBackend secrets() {
        return secrets;
    }

    public RecordingBackends recorded() {
        return recorded;
    }

    /** Where {@code AWSStepFunctions.*} calls go (SendTaskSuccess from the approval function, StartExecution ...). */
    public void stepFunctions(BiFunction<String, JsonNode, JsonNode> handler) {
        this.stepFunctions = handler;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            try {
                if (target != null) {
                    serveJson(exchange, target, body);
                } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                    serveQuery(exchange, form(new String(body, StandardCharsets.UTF_8)));
                } else {
                    serveRest(exchange, body);
                }
            } catch (AwsServiceException e) {
                sendError(exchange, target == null && contentType.startsWith("application/x-www-form-urlencoded"), e);
            } catch (RuntimeException e) {
                sendError(
                        exchange,
                        false,
                        new AwsServiceException("InternalFailure", 500, "embedded backend failure: " + e));
            }
        }
    }

    private void serveJson(HttpExchange exchange, String target, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        send(exchange, 200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(handleJson(target, request)));
    }

    /**
     * One AWS JSON-protocol call ({@code X-Amz-Target} value and request body) answered in this JVM without HTTP,
     * for callers that live here too (the runner's Task integrations); failures are {@link AwsServiceException}s.
     */
    public JsonNode handleJson(String target, JsonNode request) {
        String service = target.substring(0, target.indexOf('.'));
        String operation = target.substring(target.indexOf('.') + 1);
        return switch (service) {
            case "DynamoDB_20120810" -> dynamoDb.handle(operation, request);
            case "secretsmanager" -> secrets.handle(operation, request);
            case "AmazonSQS" -> sqs.handle(operation, request);
            case "AmazonSNS" -> JSON.valueToTree(sns.handle(operation, SnsBackend.flatten(request)));
            case "AWSStepFunctions" -> stepFunctions.apply(operation, request);
            default -> throw AwsServiceException.unsupported(service, operation);
        };
    }

    private void serveQuery(HttpExchange exchange, Map<String, String> params) throws IOException {
        String action = params.getOrDefault("Action", "");
        Map<String, Object> result = sns.handle(action, params);
        String xml = "<" + action + "Response xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><" + action + "Result>"
                + QueryXml.render(result) + "</" + action + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private void serveRest(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/topics/") && method.equals("POST")) {
            String topic = URLDecoder.decode(path.substring("/topics/".length()), StandardCharsets.UTF_8);
            recorded.iotPublish(
                    topic,
                    new String(body, StandardCharsets.UTF_8),
                    form(exchange.getRequestURI().getRawQuery()));
            send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/schedules/")) {
            String name = URLDecoder.decode(path.substring("/schedules/".length()), StandardCharsets.UTF_8);
            if (method.equals("DELETE")) {
                recorded.deleteSchedule(name);
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            } else {
                ObjectNode response = JSON.createObjectNode()
                        .put("ScheduleArn", recorded.createSchedule(name, new String(body, StandardCharsets.UTF_8)));
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(response));
            }
        } else {
            throw AwsServiceException.unsupported("REST", method + " " + path);
        }
    }

    private static void sendError(HttpExchange exchange, boolean query, AwsServiceException e) throws IOException {
        if (query) {
            String xml =
                    "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>"
                            + QueryXml.escape(e.code()) + "</Code><Message>" + QueryXml.escape(e.getMessage())
                            + "</Message></Error><RequestId>"
                            + UUID.randomUUID() + "</RequestId></ErrorResponse>";
            send(exchange, e.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode error = JSON.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
        if (e instanceof DynamoDbBackend.TransactionCanceled canceled) {
            error.set("CancellationReasons", canceled.cancellationReasons());
        }
        exchange.getResponseHeaders().add("x-amzn-ErrorType", e.code());
        exchange.getResponseHeaders().add("x-amzn-query-error", e.code() + ";Sender");
        send(exchange, e.status(), "application/x-amz-json-1.0", JSON.writeValueAsBytes(error));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        // One connection per call: before each streaming POST (how the SDK's URLConnection client sends every
        // request) the JDK probes a kept-alive connection with a read under a 1 ms timeout, while a new loopback
        // connection costs about 0.1 ms.
        exchange.getResponseHeaders().add("Connection", "close");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Renders SNS query-protocol results: scalars as elements, lists as member elements, maps as entries. */
    static final class QueryXml {
        private QueryXml() {}

        static String render(Map<String, Object> result) {
            StringBuilder xml = new StringBuilder();
            result.forEach((key, value) -> xml.append('<')
                    .append(key)
                    .append('>')
                    .append(value(key, value))
                    .append("</")
                    .append(key)
                    .append('>'));
            return xml.toString();
        }

        @SuppressWarnings("unchecked")
        private static String value(String key, Object value) {
            if (value instanceof List<?> list) {
                StringBuilder xml = new StringBuilder();
                list.forEach(member -> xml.append("<member>")
                        .append(
                                member instanceof Map<?, ?> map
                                        ? render((Map<String, Object>) map)
                                        : escape(String.valueOf(member)))
                        .append("</member>"));
                return xml.toString();
            }
            if (value instanceof Map<?, ?> map && key.equals("Attributes")) {
                StringBuilder xml = new StringBuilder();
                map.forEach((k, v) -> xml.append("<entry><key>")
                        .append(escape(String.valueOf(k)))
                        .append("</key><value>")
                        .append(escape(String.valueOf(v)))
                        .append("</value></entry>"));
                return xml.toString();
            }
            return escape(String.valueOf(value));
        }

        static String escape(String text) {
            return text.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
