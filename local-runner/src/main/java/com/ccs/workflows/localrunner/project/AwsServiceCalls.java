package com.ccs.workflows.localrunner.project;

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
 * {@code sqs:sendMessage}, {@code aws-sdk:<service>:<action>}) as Step Functions performs them: one signed
 * (SigV4, the SDK's signer) call to the service API at the configured endpoint, the Parameters as the request
 * (the AWS JSON protocol body, or SNS's query form), the response as the task result, and a service error as
 * the error name Step Functions reports ({@code DynamoDB.ConditionalCheckFailedException},
 * {@code SNS.NotFoundException}, ...; {@code <Prefix>.SdkClientException} when the endpoint cannot be reached).
 */
public final class AwsServiceCalls {
  /** How one service is called. {@code target} null means the query protocol. */
  private record Protocol(String signingName, String target, String contentType, String optimizedPrefix,
      String sdkPrefix) {}

  private static final Map<String, Protocol> SERVICES = Map.of(
      "dynamodb", new Protocol("dynamodb", "DynamoDB_20120810", "application/x-amz-json-1.0", "DynamoDB",
          "DynamoDb"),
      "sqs", new Protocol("sqs", "AmazonSQS", "application/x-amz-json-1.0", "SQS", "Sqs"),
      "sns", new Protocol("sns", null, "application/x-www-form-urlencoded; charset=utf-8", "SNS", "Sns"),
      "secretsmanager", new Protocol("secretsmanager", "secretsmanager", "application/x-amz-json-1.1",
          "SecretsManager", "SecretsManager"),
      "eventbridge", new Protocol("events", "AWSEvents", "application/x-amz-json-1.1", "EventBridge",
          "EventBridge"));

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
  public AwsServiceCalls(URI endpoint, EmbeddedAws embedded, String region,
      Supplier<AwsCredentialsProvider> credentials) {
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
    return "arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, sns:publish, sqs:sendMessage,"
        + " events:putEvents, and aws-sdk:dynamodb|sns|sqs|secretsmanager|eventbridge:<action>";
  }

  /** Performs the call; a failure is a {@link StatesFailure} named as Step Functions names it. */
  public JsonNode call(String service, String action, JsonNode parameters) {
    boolean sdk = service.startsWith("aws-sdk:");
    String name = sdk ? service.substring("aws-sdk:".length()) : service.equals("events") ? "eventbridge" : service;
    Protocol protocol = SERVICES.get(name);
    String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
    String prefix = sdk ? protocol.sdkPrefix() : protocol.optimizedPrefix();
    JsonNode request = sdk ? parameters : optimizedRequest(name, parameters);
    if (embedded != null) {
      return inProcess(protocol, operation, request, prefix, sdk);
    }
    byte[] body = protocol.target() == null
        ? queryBody(operation, request).getBytes(StandardCharsets.UTF_8)
        : Json.write(request).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response;
    try {
      response = send(protocol, operation, body);
    } catch (IOException e) {
      throw new StatesFailure(prefix + ".SdkClientException", "Unable to execute HTTP request: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatesFailure(prefix + ".SdkClientException", "Interrupted");
    }
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElse("local");
    if (response.statusCode() >= 300) {
      throw failure(protocol, prefix, response, requestId);
    }
    ObjectNode result = protocol.target() == null
        ? queryResult(operation, response.body())
        : (ObjectNode) (response.body().isBlank() ? Json.object() : Json.parse(response.body()));
    if (!sdk) {
      addSdkMetadata(result, response, requestId);
    }
    return result;
  }

  private JsonNode inProcess(Protocol protocol, String operation, JsonNode request, String prefix, boolean sdk) {
    String requestId = java.util.UUID.randomUUID().toString();
    ObjectNode result;
    try {
      if (protocol.target() == null) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : queryBody(operation, request).split("&")) {
          int eq = pair.indexOf('=');
          form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        result = (ObjectNode) Json.MAPPER.valueToTree(embedded.sns().handle(operation, form));
      } else {
        result = ((ObjectNode) embedded.handleJson(protocol.target() + "." + operation, request)).deepCopy();
      }
    } catch (AwsServiceException e) {
      String exception = e.code().endsWith("Exception") ? e.code() : e.code() + "Exception";
      throw new StatesFailure(prefix + "." + exception, e.getMessage() + " (Service: " + protocol.sdkPrefix()
          + ", Status Code: " + e.status() + ", Request ID: " + requestId + ")");
    }
    if (!sdk) {
      ObjectNode http = result.putObject("SdkHttpMetadata");
      ObjectNode headers = Json.object().put("Content-Type", protocol.contentType()).put("x-amzn-RequestId",
          requestId);
      http.set("AllHttpHeaders", headers.deepCopy());
      http.set("HttpHeaders", headers);
      http.put("HttpStatusCode", 200);
      result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }
    return result;
  }

  /** The optimized integrations take a JSON value where the API takes a string (SQS MessageBody, SNS Message). */
  private static JsonNode optimizedRequest(String service, JsonNode parameters) {
    if (!(parameters instanceof ObjectNode object)) {
      return parameters;
    }
    ObjectNode copy = object.deepCopy();
    for (String field : List.of("MessageBody", "Message")) {
      JsonNode value = copy.get(field);
      if (value != null && !value.isTextual() && !value.isNull()) {
        copy.put(field, Json.write(value));
      }
    }
    return copy;
  }

  private HttpResponse<String> send(Protocol protocol, String operation, byte[] body)
      throws IOException, InterruptedException {
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .uri(endpoint)
        .method(SdkHttpMethod.POST)
        .putHeader("Content-Type", protocol.contentType());
    if (protocol.target() != null) {
      unsigned.putHeader("X-Amz-Target", protocol.target() + "." + operation);
    }
    if (signer == null) {
      synchronized (this) {
        if (signer == null) {
          http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
              .version(HttpClient.Version.HTTP_1_1).build();
          provider = credentials.get();
          signer = AwsV4HttpSigner.create();
        }
      }
    }
    SdkHttpRequest signed = signer.sign(r -> r.identity(provider.resolveCredentials())
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, protocol.signingName())
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
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

  private static StatesFailure failure(Protocol protocol, String prefix, HttpResponse<String> response,
      String requestId) {
    String code;
    String message;
    if (protocol.target() == null) {
      code = first(XML_CODE, response.body(), "InternalError");
      message = first(XML_MESSAGE, response.body(), "");
    } else {
      JsonNode error = response.body().isBlank() ? Json.object() : Json.parse(response.body());
      code = error.path("__type").asText(response.headers().firstValue("x-amzn-ErrorType").orElse("InternalError"));
      code = code.substring(code.lastIndexOf('#') + 1);
      int colon = code.indexOf(':');
      code = colon > 0 ? code.substring(0, colon) : code;
      message = error.has("message") ? error.get("message").asText() : error.path("Message").asText("");
    }
    String exception = code.endsWith("Exception") ? code : code + "Exception";
    String service = protocol.sdkPrefix();
    return new StatesFailure(prefix + "." + exception, message + " (Service: " + service + ", Status Code: "
        + response.statusCode() + ", Request ID: " + requestId + ")");
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
          attribute.getValue().properties().forEach(a -> form.put(base + "Value." + a.getKey(), a.getValue().asText()));
        }
      } else if (value.isValueNode() && !value.isNull()) {
        form.put(field.getKey(), value.asText());
      } else if (!value.isNull()) {
        form.put(field.getKey(), Json.write(value));
      }
    }
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
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
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
