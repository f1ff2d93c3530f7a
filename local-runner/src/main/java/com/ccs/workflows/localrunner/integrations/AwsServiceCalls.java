package com.ccs.workflows.localrunner.integrations;

import com.ccs.workflows.localrunner.backend.AwsServiceException;
import com.ccs.workflows.localrunner.backend.EmbeddedAws;
import com.ccs.workflows.localrunner.errors.StatesFailure;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The service integrations of Task states ({@code arn:aws:states:::dynamodb:putItem}, {@code sns:publish},
 * {@code sqs:sendMessage}, {@code events:putEvents}, {@code aws-sdk:<service>:<action>}, and Lambda's Invoke
 * outside a deployment) as Step Functions performs them: one signed (SigV4, the SDK's signer) call to the service
 * API at the configured endpoint, the Parameters as the request (the AWS JSON protocol body, SNS's query form,
 * Lambda's REST call), the response as the task result, and a service error as the error name Step Functions
 * reports ({@code DynamoDB.ConditionalCheckFailedException}, {@code SNS.NotFoundException}, ...;
 * {@code <Prefix>.SdkClientException} when the endpoint cannot be reached).
 */
public final class AwsServiceCalls {
    /** How one service is called. {@code target} null means the query protocol. */
    private record Protocol(
            String signingName, String target, String contentType, String optimizedPrefix, String sdkPrefix) {}

    private static final Map<String, Protocol> SERVICES = Map.of(
            "dynamodb",
                    new Protocol("dynamodb", "DynamoDB_20120810", "application/x-amz-json-1.0", "DynamoDB", "DynamoDb"),
            "sqs", new Protocol("sqs", "AmazonSQS", "application/x-amz-json-1.0", "SQS", "Sqs"),
            "sns", new Protocol("sns", null, "application/x-www-form-urlencoded; charset=utf-8", "SNS", "Sns"),
            "secretsmanager",
                    new Protocol(
                            "secretsmanager",
                            "secretsmanager",
                            "application/x-amz-json-1.1",
                            "SecretsManager",
                            "SecretsManager"),
            "eventbridge",
                    new Protocol("events", "AWSEvents", "application/x-amz-json-1.1", "EventBridge", "EventBridge"));

    /** The optimized integrations (arn:aws:states:::service:action) Step Functions defines for these services. */
    private static final Map<String, Set<String>> OPTIMIZED = Map.of(
            "dynamodb", Set.of("getItem", "putItem", "updateItem", "deleteItem"),
            "sns", Set.of("publish"),
            "sqs", Set.of("sendMessage"),
            "events", Set.of("putEvents"));

    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final Pattern XML_MESSAGE_ID = Pattern.compile("<MessageId>([^<]*)</MessageId>");
    private static final Pattern XML_SEQUENCE = Pattern.compile("<SequenceNumber>([^<]*)</SequenceNumber>");
    private static final Protocol LAMBDA = new Protocol("lambda", null, "application/json", "Lambda", "Lambda");
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final EmbeddedAws embedded;
    private final String region;
    private final Supplier<AwsCredentialsProvider> credentials;
    // Built on the first signed call: with the embedded backends there is none, and the start is faster.
    private volatile HttpClient http;
    private volatile AwsV4HttpSigner signer;
    private volatile AwsCredentialsProvider provider;

    public AwsServiceCalls(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this(endpoint, null, region, () -> credentials);
    }

    /**
     * Calls the embedded backends directly when {@code embedded} is given (they live in this JVM: the same
     * requests and answers, without signing and HTTP), else the endpoint over signed HTTP.
     */
    public AwsServiceCalls(
            URI endpoint, EmbeddedAws embedded, String region, Supplier<AwsCredentialsProvider> credentials) {
        this.endpoint = endpoint;
        this.embedded = embedded;
        this.region = region;
        this.credentials = credentials;
    }

    /** Whether {@code service}/{@code action} of a Task resource is served here. */
    public static boolean supports(String service, String action) {
        if (service.startsWith("aws-sdk:")) {
            return SERVICES.containsKey(service.substring("aws-sdk:".length()));
        }
        return OPTIMIZED.getOrDefault(service, Set.of()).contains(action);
    }

    public static String supported() {
        return "arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, sns:publish[.waitForTaskToken],"
                + " sqs:sendMessage[.waitForTaskToken], events:putEvents[.waitForTaskToken], and"
                + " aws-sdk:dynamodb|sns|sqs|secretsmanager|eventbridge:<action>[.waitForTaskToken]";
    }

    /** Performs the call; a failure is a {@link StatesFailure} named as Step Functions names it. */
    public JsonNode call(String service, String action, JsonNode parameters) {
        return call(service, action, parameters, List.of());
    }

    /**
     * Performs the call for a Task of an execution: {@code callerArns} (the execution's and its state machine's
     * ARNs) are what the optimized {@code events:putEvents} adds to each entry's Resources.
     */
    public JsonNode call(String service, String action, JsonNode parameters, List<String> callerArns) {
        boolean sdk = service.startsWith("aws-sdk:");
        String name = sdk ? service.substring("aws-sdk:".length()) : service.equals("events") ? "eventbridge" : service;
        Protocol protocol = SERVICES.get(name);
        String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        String prefix = sdk ? protocol.sdkPrefix() : protocol.optimizedPrefix();
        JsonNode request = sdk ? parameters : optimizedRequest(name, parameters, callerArns);
        ObjectNode result;
        if (embedded != null) {
            result = inProcess(protocol, operation, request, prefix, sdk);
        } else {
            byte[] body = protocol.target() == null
                    ? queryBody(operation, request).getBytes(StandardCharsets.UTF_8)
                    : Json.write(request).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = send(protocol, prefix, endpoint, "", operation, Map.of(), body);
            String requestId = response.headers().firstValue("x-amzn-RequestId").orElse("local");
            if (response.statusCode() >= 300) {
                throw failure(protocol, prefix, response, requestId);
            }
            result = protocol.target() == null
                    ? queryResult(operation, response.body())
                    : (ObjectNode) (response.body().isBlank() ? Json.object() : Json.parse(response.body()));
            if (!sdk) {
                addSdkMetadata(result, response, requestId);
            }
        }
        // The optimized PutEvents fails the task when an entry was refused (the SDK integration leaves that to you).
        if (!sdk
                && name.equals("eventbridge")
                && result.path("FailedEntryCount").asInt(0) > 0) {
            ObjectNode cause = Json.object();
            cause.set("Entries", result.path("Entries"));
            cause.set("FailedEntryCount", result.path("FailedEntryCount"));
            throw new StatesFailure("EventBridge.FailedEntry", Json.write(cause));
        }
        return result;
    }

    /** What Lambda's Invoke answered: the function's response (or error) and the call's metadata. */
    public record LambdaAnswer(
            int statusCode,
            JsonNode payload,
            String functionError,
            String executedVersion,
            String requestId,
            ObjectNode headers) {}

    /**
     * Lambda's Invoke at the endpoint (outside a deployment, where no function runs in-process). {@code qualifier}
     * and {@code invocationType} may be null. A function error is an answer with {@code functionError} set; a
     * refused call is a {@link StatesFailure} named {@code Lambda.<Code>Exception}.
     */
    public LambdaAnswer invokeLambda(String functionName, JsonNode payload, String qualifier, String invocationType) {
        if (embedded != null) {
            throw new StatesFailure(
                    "Lambda.ResourceNotFoundException",
                    "Function not found: " + functionName
                            + " (the embedded backends run no Lambda functions; use --endpoint-url for an emulator that does)");
        }
        String path = "/2015-03-31/functions/"
                + URLEncoder.encode(functionName, StandardCharsets.UTF_8).replace("+", "%20") + "/invocations"
                + (qualifier == null ? "" : "?Qualifier=" + URLEncoder.encode(qualifier, StandardCharsets.UTF_8));
        Map<String, String> headers =
                invocationType == null ? Map.of() : Map.of("X-Amz-Invocation-Type", invocationType);
        byte[] body = (payload == null ? "" : Json.write(payload)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(LAMBDA, "Lambda", endpoint, path, null, headers, body);
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse("local");
        if (response.statusCode() >= 300) {
            throw failure(LAMBDA, "Lambda", response, requestId);
        }
        ObjectNode httpHeaders = Json.object();
        response.headers().map().forEach((k, v) -> {
            if (!v.isEmpty() && !k.startsWith(":")) {
                httpHeaders.put(k, v.get(0));
            }
        });
        String text = response.body();
        JsonNode answer;
        try {
            answer = text.isBlank() ? Json.text("") : Json.parse(text);
        } catch (IllegalArgumentException e) {
            answer = Json.text(text); // not JSON: Step Functions passes it on as a string
        }
        return new LambdaAnswer(
                response.statusCode(),
                answer,
                response.headers().firstValue("X-Amz-Function-Error").orElse(null),
                response.headers().firstValue("X-Amz-Executed-Version").orElse("$LATEST"),
                requestId,
                httpHeaders);
    }

    private ObjectNode inProcess(Protocol protocol, String operation, JsonNode request, String prefix, boolean sdk) {
        String requestId = java.util.UUID.randomUUID().toString();
        ObjectNode result;
        try {
            if (protocol.target() == null) {
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : queryBody(operation, request).split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(
                            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                result = (ObjectNode) Json.MAPPER.valueToTree(embedded.sns().handle(operation, form));
            } else {
                result = ((ObjectNode) embedded.handleJson(protocol.target() + "." + operation, request)).deepCopy();
            }
        } catch (AwsServiceException e) {
            String exception = e.code().endsWith("Exception") ? e.code() : e.code() + "Exception";
            throw new StatesFailure(
                    prefix + "." + exception,
                    e.getMessage() + " (Service: " + protocol.sdkPrefix() + ", Status Code: " + e.status()
                            + ", Request ID: " + requestId + ")");
        }
        if (!sdk) {
            ObjectNode http = result.putObject("SdkHttpMetadata");
            ObjectNode headers =
                    Json.object().put("Content-Type", protocol.contentType()).put("x-amzn-RequestId", requestId);
            http.set("AllHttpHeaders", headers.deepCopy());
            http.set("HttpHeaders", headers);
            http.put("HttpStatusCode", 200);
            result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        }
        return result;
    }

    /**
     * The optimized integrations take a JSON value where the API takes a string (SQS MessageBody, SNS Message,
     * EventBridge Detail), and PutEvents adds the calling execution's and state machine's ARNs to each entry's
     * Resources.
     */
    private static JsonNode optimizedRequest(String service, JsonNode parameters, List<String> callerArns) {
        if (!(parameters instanceof ObjectNode object)) {
            return parameters;
        }
        ObjectNode copy = object.deepCopy();
        for (String field : List.of("MessageBody", "Message")) {
            stringify(copy, field);
        }
        if (service.equals("eventbridge")
                && copy.get("Entries") instanceof com.fasterxml.jackson.databind.node.ArrayNode entries) {
            for (JsonNode entry : entries) {
                if (entry instanceof ObjectNode e) {
                    stringify(e, "Detail");
                    if (!callerArns.isEmpty()) {
                        var resources = e.get("Resources") instanceof com.fasterxml.jackson.databind.node.ArrayNode a
                                ? a
                                : e.putArray("Resources");
                        callerArns.forEach(resources::add);
                    }
                }
            }
        }
        return copy;
    }

    private static void stringify(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value != null && !value.isTextual() && !value.isNull()) {
            object.put(field, Json.write(value));
        }
    }

    /** One signed POST; an endpoint that cannot be reached is {@code <prefix>.SdkClientException}. */
    private HttpResponse<String> send(
            Protocol protocol,
            String prefix,
            URI base,
            String path,
            String operation,
            Map<String, String> extraHeaders,
            byte[] body) {
        try {
            return send(protocol, base, path, operation, extraHeaders, body);
        } catch (IOException e) {
            throw new StatesFailure(
                    prefix + ".SdkClientException", "Unable to execute HTTP request: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatesFailure(prefix + ".SdkClientException", "Interrupted");
        }
    }

    private HttpResponse<String> send(
            Protocol protocol, URI base, String path, String operation, Map<String, String> extraHeaders, byte[] body)
            throws IOException, InterruptedException {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .uri(path.isEmpty() ? base : URI.create(base.toString().replaceAll("/+$", "") + path))
                .method(SdkHttpMethod.POST)
                .putHeader("Content-Type", protocol.contentType());
        if (protocol.target() != null) {
            unsigned.putHeader("X-Amz-Target", protocol.target() + "." + operation);
        }
        extraHeaders.forEach(unsigned::putHeader);
        if (signer == null) {
            synchronized (this) {
                if (signer == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(2))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    provider = credentials.get();
                    signer = AwsV4HttpSigner.create();
                }
            }
        }
        SdkHttpRequest signed = signer.sign(r -> r.identity(provider.resolveCredentials())
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, protocol.signingName())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static StatesFailure failure(
            Protocol protocol, String prefix, HttpResponse<String> response, String requestId) {
        String code;
        String message;
        if (protocol.target() == null && protocol != LAMBDA) {
            code = first(XML_CODE, response.body(), "InternalError");
            message = first(XML_MESSAGE, response.body(), "");
        } else {
            JsonNode error = parseOrEmpty(response.body());
            code = error.path("__type")
                    .asText(response.headers().firstValue("x-amzn-ErrorType").orElse("InternalError"));
            code = code.substring(code.lastIndexOf('#') + 1);
            int colon = code.indexOf(':');
            code = colon > 0 ? code.substring(0, colon) : code;
            message = error.has("message")
                    ? error.get("message").asText()
                    : error.path("Message").asText("");
        }
        String exception = code.endsWith("Exception") ? code : code + "Exception";
        String service = protocol.sdkPrefix();
        return new StatesFailure(
                prefix + "." + exception,
                message + " (Service: " + service + ", Status Code: " + response.statusCode() + ", Request ID: "
                        + requestId + ")");
    }

    private static JsonNode parseOrEmpty(String body) {
        try {
            return body.isBlank() ? Json.object() : Json.parse(body);
        } catch (IllegalArgumentException e) {
            return Json.object().put("message", body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** The metadata Step Functions' optimized integrations add to the service's response. */
    private static void addSdkMetadata(ObjectNode result, HttpResponse<String> response, String requestId) {
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode headers = Json.object();
        response.headers().map().forEach((k, v) -> {
            if (!v.isEmpty() && !k.startsWith(":")) {
                headers.put(k, v.get(0));
            }
        });
        http.set("AllHttpHeaders", headers.deepCopy());
        http.set("HttpHeaders", headers);
        http.put("HttpStatusCode", response.statusCode());
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    /** SNS's query protocol: Action, Version and the parameters flattened the way the SDK flattens them. */
    static String queryBody(String operation, JsonNode parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", operation);
        form.put("Version", "2010-03-31");
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("MessageAttributes") && value.isObject()) {
                int i = 1;
                for (Map.Entry<String, JsonNode> attribute : value.properties()) {
                    String base = "MessageAttributes.entry." + i++ + ".";
                    form.put(base + "Name", attribute.getKey());
                    attribute
                            .getValue()
                            .properties()
                            .forEach(a -> form.put(
                                    base + "Value." + a.getKey(), a.getValue().asText()));
                }
            } else if (value.isValueNode() && !value.isNull()) {
                form.put(field.getKey(), value.asText());
            } else if (!value.isNull()) {
                form.put(field.getKey(), Json.write(value));
            }
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static ObjectNode queryResult(String operation, String xml) {
        ObjectNode result = Json.object();
        if (operation.equals("Publish")) {
            result.put("MessageId", first(XML_MESSAGE_ID, xml, null));
            String sequence = first(XML_SEQUENCE, xml, null);
            if (sequence != null) {
                result.put("SequenceNumber", sequence);
            }
        }
        return result;
    }

    private static String first(Pattern pattern, String text, String fallback) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? unescape(matcher.group(1)) : fallback;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
