package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SNS in memory: topics, the messages published to them, and SQS subscriptions, to which every publish is
 * delivered as SNS delivers it (the JSON notification envelope, or the bare message with RawMessageDelivery).
 */
public final class SnsBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An SQS subscription of a topic. */
    private record Subscription(String arn, String topicArn, String queueArn, boolean raw) {}

    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Published> messages = new CopyOnWriteArrayList<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final String region;
    private final String account;
    private final SqsBackend sqs;

    public SnsBackend(String region, String account) {
        this(region, account, null);
    }

    /** With {@code sqs}, topics can have SQS subscriptions (queues of that backend). */
    public SnsBackend(String region, String account, SqsBackend sqs) {
        this.region = region;
        this.account = account;
        this.sqs = sqs;
    }

    public String createTopic(String name) {
        String arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
        topics.add(arn);
        return arn;
    }

    public List<Published> messages() {
        return List.copyOf(messages);
    }

    /** The operation's result fields; the caller renders them in the request's protocol (query XML or JSON). */
    public Map<String, Object> handle(String operation, Map<String, String> params) {
        return switch (operation) {
            case "CreateTopic" -> Map.of("TopicArn", createTopic(required(params, "Name")));
            case "ListTopics" ->
                Map.of(
                        "Topics",
                        topics.stream()
                                .sorted()
                                .map(arn -> Map.of("TopicArn", arn))
                                .toList());
            case "GetTopicAttributes" ->
                Map.of("Attributes", Map.of("TopicArn", existing(required(params, "TopicArn"))));
            case "Publish" -> publish(params);
            case "Subscribe" -> subscribe(params);
            case "Unsubscribe" -> {
                subscriptions.remove(required(params, "SubscriptionArn"));
                yield Map.of();
            }
            case "ListSubscriptionsByTopic" ->
                Map.of(
                        "Subscriptions",
                        subscriptions.values().stream()
                                .filter(s -> s.topicArn().equals(existing(required(params, "TopicArn"))))
                                .map(s -> (Object) Map.of(
                                        "SubscriptionArn",
                                        s.arn(),
                                        "TopicArn",
                                        s.topicArn(),
                                        "Protocol",
                                        "sqs",
                                        "Endpoint",
                                        s.queueArn(),
                                        "Owner",
                                        account))
                                .toList());
            default -> throw AwsServiceException.unsupported("SNS", operation);
        };
    }

    private Map<String, Object> publish(Map<String, String> params) {
        String topic = params.containsKey("TargetArn") ? params.get("TargetArn") : required(params, "TopicArn");
        existing(topic);
        String message = required(params, "Message");
        if (message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 262_144) {
            throw new AwsServiceException("InvalidParameter", 400, "Invalid parameter: Message too long");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            attributes.put(
                    params.get("MessageAttributes.entry." + i + ".Name"),
                    params.get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        messages.add(new Published("sns", topic, id, params.get("Subject"), message, attributes, now));
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.topicArn().equals(topic)) {
                sqs.deliver(
                        subscription.queueArn(),
                        subscription.raw()
                                ? message
                                : envelope(id, topic, params.get("Subject"), message, attributes, now),
                        null);
            }
        }
        return Map.of("MessageId", id);
    }

    private Map<String, Object> subscribe(Map<String, String> params) {
        String topic = existing(required(params, "TopicArn"));
        String protocol = required(params, "Protocol");
        String endpoint = required(params, "Endpoint");
        if (!protocol.equals("sqs") || sqs == null) {
            throw AwsServiceException.unsupported("SNS", "Subscribe with protocol " + protocol);
        }
        boolean raw = false;
        for (int i = 1; params.containsKey("Attributes.entry." + i + ".key"); i++) {
            if (params.get("Attributes.entry." + i + ".key").equals("RawMessageDelivery")) {
                raw = Boolean.parseBoolean(params.get("Attributes.entry." + i + ".value"));
            }
        }
        for (Subscription existing : subscriptions.values()) {
            if (existing.topicArn().equals(topic) && existing.queueArn().equals(endpoint)) {
                return Map.of("SubscriptionArn", existing.arn()); // Subscribe is idempotent
            }
        }
        String arn = topic + ":" + UUID.randomUUID();
        subscriptions.put(arn, new Subscription(arn, topic, endpoint, raw));
        return Map.of("SubscriptionArn", arn);
    }

    private String envelope(
            String id, String topic, String subject, String message, Map<String, String> attributes, Instant at) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", id)
                .put("TopicArn", topic);
        if (subject != null) {
            envelope.put("Subject", subject);
        }
        envelope.put("Message", message)
                .put("Timestamp", at.toString())
                .put("SignatureVersion", "1")
                .put("Signature", "local")
                .put("SigningCertURL", "https://sns." + region + ".amazonaws.com/local.pem")
                .put("UnsubscribeURL", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe");
        if (!attributes.isEmpty()) {
            ObjectNode out = envelope.putObject("MessageAttributes");
            attributes.forEach(
                    (name, value) -> out.putObject(name).put("Type", "String").put("Value", value));
        }
        return envelope.toString();
    }

    private String existing(String topicArn) {
        if (!topics.contains(topicArn)) {
            throw new AwsServiceException("NotFound", 404, "Topic does not exist: " + topicArn);
        }
        return topicArn;
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new AwsServiceException("InvalidParameter", 400, "Invalid parameter: " + name + " is required");
        }
        return value;
    }

    /** Flattens an AWS JSON-protocol SNS request into the query protocol's parameter names. */
    static Map<String, String> flatten(JsonNode request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.fields().forEachRemaining(field -> {
            if (field.getKey().equals("MessageAttributes")) {
                int[] i = {1};
                field.getValue().fields().forEachRemaining(attribute -> {
                    params.put("MessageAttributes.entry." + i[0] + ".Name", attribute.getKey());
                    params.put(
                            "MessageAttributes.entry." + i[0] + ".Value.StringValue",
                            attribute.getValue().path("StringValue").asText());
                    i[0]++;
                });
            } else if (field.getValue().isValueNode()) {
                params.put(field.getKey(), field.getValue().asText());
            }
        });
        return params;
    }
}
