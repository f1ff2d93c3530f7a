package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SQS in memory (AWS JSON protocol): queues, including FIFO queues with content-based deduplication over a 5-minute
 * window, send, receive and delete. Enough to feed the emergency workflow the way the FIFO queue does.
 */
public final class SqsBackend {
    private static final long DEDUPLICATION_WINDOW_MILLIS = 5 * 60 * 1000;

    private record Message(String id, String body, String groupId) {
    }

    private static final class Queue {
        final String url;
        final boolean fifo;
        final boolean contentDeduplication;
        final Deque<Message> visible = new ArrayDeque<>();
        final Map<String, Message> inFlight = new ConcurrentHashMap<>();
        final Map<String, Long> deduplication = new ConcurrentHashMap<>();

        Queue(String url, boolean fifo, boolean contentDeduplication) {
            this.url = url;
            this.fifo = fifo;
            this.contentDeduplication = contentDeduplication;
        }
    }

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final List<Published> sent = new CopyOnWriteArrayList<>();
    private final String baseUrl;

    public SqsBackend(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<Published> sent() {
        return List.copyOf(sent);
    }

    public synchronized JsonNode handle(String operation, JsonNode request) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        switch (operation) {
            case "CreateQueue" -> {
                String name = request.path("QueueName").asText();
                JsonNode attributes = request.path("Attributes");
                boolean fifo = name.endsWith(".fifo") || "true".equals(attributes.path("FifoQueue").asText());
                Queue queue = queues.computeIfAbsent(name, n -> new Queue(baseUrl + "/000000000000/" + n, fifo,
                        "true".equals(attributes.path("ContentBasedDeduplication").asText())));
                response.put("QueueUrl", queue.url);
            }
            case "GetQueueUrl" -> response.put("QueueUrl", queue(request.path("QueueName").asText()).url);
            case "SendMessage" -> send(queueByUrl(request.path("QueueUrl").asText()), request, response);
            case "ReceiveMessage" -> receive(queueByUrl(request.path("QueueUrl").asText()), request.path("MaxNumberOfMessages").asInt(1), response);
            case "DeleteMessage" -> queueByUrl(request.path("QueueUrl").asText()).inFlight.remove(request.path("ReceiptHandle").asText());
            case "GetQueueAttributes" -> {
                Queue queue = queueByUrl(request.path("QueueUrl").asText());
                ObjectNode attributes = response.putObject("Attributes");
                attributes.put("ApproximateNumberOfMessages", String.valueOf(queue.visible.size()));
                attributes.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(queue.inFlight.size()));
            }
            default -> throw AwsServiceException.unsupported("SQS", operation);
        }
        return response;
    }

    private void send(Queue queue, JsonNode request, ObjectNode response) {
        String body = request.path("MessageBody").asText();
        String groupId = request.path("MessageGroupId").asText(null);
        if (queue.fifo && groupId == null) {
            throw new AwsServiceException("MissingParameter", 400, "The request must contain the parameter MessageGroupId.");
        }
        String id = UUID.randomUUID().toString();
        response.put("MessageId", id).put("MD5OfMessageBody", md5(body));
        if (queue.fifo) {
            String dedupId = request.path("MessageDeduplicationId").asText(queue.contentDeduplication ? sha256(body) : null);
            if (dedupId == null) {
                throw new AwsServiceException("InvalidParameterValue", 400,
                        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            long now = System.currentTimeMillis();
            queue.deduplication.values().removeIf(at -> now - at > DEDUPLICATION_WINDOW_MILLIS);
            if (queue.deduplication.putIfAbsent(groupId + "/" + dedupId, now) != null) {
                return; // accepted, not delivered again: SQS's deduplication
            }
        }
        queue.visible.addLast(new Message(id, body, groupId));
        sent.add(new Published("sqs", queue.url, id, null, body, groupId == null ? Map.of() : Map.of("MessageGroupId", groupId), Instant.now()));
    }

    private static void receive(Queue queue, int max, ObjectNode response) {
        ArrayNode messages = response.putArray("Messages");
        for (int i = 0; i < Math.max(1, Math.min(max, 10)) && !queue.visible.isEmpty(); i++) {
            Message message = queue.visible.pollFirst();
            String receipt = UUID.randomUUID().toString();
            queue.inFlight.put(receipt, message);
            ObjectNode out = messages.addObject();
            out.put("MessageId", message.id()).put("ReceiptHandle", receipt).put("Body", message.body()).put("MD5OfBody", md5(message.body()));
            if (message.groupId() != null) {
                out.putObject("Attributes").put("MessageGroupId", message.groupId());
            }
        }
    }

    private Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new AwsServiceException("AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
        }
        return queue;
    }

    private Queue queueByUrl(String url) {
        return queue(url.substring(url.lastIndexOf('/') + 1));
    }

    private static String md5(String body) {
        return digest("MD5", body);
    }

    private static String sha256(String body) {
        return digest("SHA-256", body);
    }

    private static String digest(String algorithm, String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
