package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** SNS in memory: topics and the messages published to them (CreateTopic, Publish, ListTopics). */
public final class SnsBackend {
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Published> messages = new CopyOnWriteArrayList<>();
    private final String region;
    private final String account;

    public SnsBackend(String region, String account) {
        this.region = region;
        this.account = account;
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
            case "ListTopics" -> Map.of("Topics", topics.stream().sorted().map(arn -> Map.of("TopicArn", arn)).toList());
            case "GetTopicAttributes" -> Map.of("Attributes", Map.of("TopicArn", existing(required(params, "TopicArn"))));
            case "Publish" -> publish(params);
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
            attributes.put(params.get("MessageAttributes.entry." + i + ".Name"),
                    params.get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        String id = UUID.randomUUID().toString();
        messages.add(new Published("sns", topic, id, params.get("Subject"), message, attributes, Instant.now()));
        return Map.of("MessageId", id);
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
                    params.put("MessageAttributes.entry." + i[0] + ".Value.StringValue", attribute.getValue().path("StringValue").asText());
                    i[0]++;
                });
            } else if (field.getValue().isValueNode()) {
                params.put(field.getKey(), field.getValue().asText());
            }
        });
        return params;
    }
}
