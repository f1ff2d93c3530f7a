package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQS in memory (AWS JSON protocol), with the semantics the emergency ingestion relies on: FIFO queues with
 * content-based deduplication over a 5-minute window and per-group ordering (no message of a group is delivered
 * while an earlier one is in flight), visibility timeouts and redelivery, {@code ApproximateReceiveCount}, a
 * redrive policy that moves a message to its dead-letter queue after {@code maxReceiveCount} receives, long
 * polling, and the batch calls. Times are real: a redelivery test shortens the queue's VisibilityTimeout.
 */
public final class SqsBackend {
    private static final long DEDUPLICATION_WINDOW_MILLIS = 5 * 60 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Message {
        final String id;
        final String body;
        final String groupId;
        final String deduplicationId;
        final long sentAt;
        final long sequence;
        final JsonNode messageAttributes;
        int receiveCount;
        long firstReceivedAt;
        long visibleAt;
        String receipt;

        Message(
                String id,
                String body,
                String groupId,
                String deduplicationId,
                long sentAt,
                long sequence,
                JsonNode messageAttributes,
                long visibleAt) {
            this.id = id;
            this.body = body;
            this.groupId = groupId;
            this.deduplicationId = deduplicationId;
            this.sentAt = sentAt;
            this.sequence = sequence;
            this.messageAttributes = messageAttributes;
            this.visibleAt = visibleAt;
        }

        boolean inFlight(long now) {
            return receipt != null && visibleAt > now;
        }
    }

    private static final class Queue {
        final String name;
        final String url;
        final String arn;
        final boolean fifo;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Message> messages = new ArrayList<>();
        final Map<String, Long> deduplication = new LinkedHashMap<>();

        Queue(String name, String url, String arn, boolean fifo) {
            this.name = name;
            this.url = url;
            this.arn = arn;
            this.fifo = fifo;
        }

        int visibilityTimeoutSeconds() {
            return Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30"));
        }

        boolean contentDeduplication() {
            return "true".equals(attributes.get("ContentBasedDeduplication"));
        }
    }

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final List<Published> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong(10_000_000_000_000_000L);
    private final String baseUrl;
    private final String region;
    private final String account;

    public SqsBackend(String baseUrl) {
        this(baseUrl, EmbeddedAws.REGION, EmbeddedAws.ACCOUNT);
    }

    public SqsBackend(String baseUrl, String region, String account) {
        this.baseUrl = baseUrl;
        this.region = region;
        this.account = account;
    }

    /** Every message accepted into a queue (deduplicated sends excluded), in order. */
    public List<Published> sent() {
        return List.copyOf(sent);
    }

    public synchronized JsonNode handle(String operation, JsonNode request) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        switch (operation) {
            case "CreateQueue" ->
                response.put("QueueUrl", create(request.path("QueueName").asText(), request.path("Attributes")).url);
            case "GetQueueUrl" ->
                response.put("QueueUrl", queue(request.path("QueueName").asText()).url);
            case "ListQueues" -> {
                ArrayNode urls = response.putArray("QueueUrls");
                String prefix = request.path("QueueNamePrefix").asText("");
                queues.values().stream()
                        .filter(q -> q.name.startsWith(prefix))
                        .map(q -> q.url)
                        .sorted()
                        .forEach(urls::add);
            }
            case "DeleteQueue" ->
                queues.remove(queueByUrl(request.path("QueueUrl").asText()).name);
            case "PurgeQueue" ->
                queueByUrl(request.path("QueueUrl").asText()).messages.clear();
            case "SendMessage" -> send(queueByUrl(request.path("QueueUrl").asText()), request, response);
            case "SendMessageBatch" ->
                sendBatch(queueByUrl(request.path("QueueUrl").asText()), request, response);
            case "ReceiveMessage" -> receive(queueByUrl(request.path("QueueUrl").asText()), request, response);
            case "DeleteMessage" ->
                delete(
                        queueByUrl(request.path("QueueUrl").asText()),
                        request.path("ReceiptHandle").asText());
            case "DeleteMessageBatch" -> {
                Queue queue = queueByUrl(request.path("QueueUrl").asText());
                ArrayNode successful = response.putArray("Successful");
                response.putArray("Failed");
                for (JsonNode entry : request.path("Entries")) {
                    delete(queue, entry.path("ReceiptHandle").asText());
                    successful.addObject().put("Id", entry.path("Id").asText());
                }
            }
            case "ChangeMessageVisibility" ->
                changeVisibility(
                        queueByUrl(request.path("QueueUrl").asText()),
                        request.path("ReceiptHandle").asText(),
                        request.path("VisibilityTimeout").asInt());
            case "GetQueueAttributes" ->
                attributes(queueByUrl(request.path("QueueUrl").asText()), response.putObject("Attributes"));
            case "SetQueueAttributes" -> {
                Queue queue = queueByUrl(request.path("QueueUrl").asText());
                request.path("Attributes")
                        .properties()
                        .forEach(e ->
                                queue.attributes.put(e.getKey(), e.getValue().asText()));
            }
            default -> throw AwsServiceException.unsupported("SQS", operation);
        }
        return response;
    }

    /** Delivers a message from another embedded service (an SNS subscription) to the queue with this ARN. */
    synchronized void deliver(String queueArn, String body, String groupId) {
        Queue queue = queues.values().stream()
                .filter(q -> q.arn.equals(queueArn))
                .findFirst()
                .orElseThrow(
                        () -> new AwsServiceException("NotFound", 404, "SQS queue " + queueArn + " does not exist"));
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("MessageBody", body);
        if (queue.fifo) {
            request.put("MessageGroupId", groupId == null ? "sns" : groupId);
        }
        send(queue, request, JsonNodeFactory.instance.objectNode());
    }

    private Queue create(String name, JsonNode attributes) {
        if (name.isEmpty() || name.length() > 80 || !name.matches("[A-Za-z0-9_-]+(\\.fifo)?")) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "Can only include alphanumeric characters," + " hyphens, or underscores. 1 to 80 in length");
        }
        boolean fifo = name.endsWith(".fifo")
                || "true".equals(attributes.path("FifoQueue").asText());
        Queue queue = queues.computeIfAbsent(
                name,
                n -> new Queue(
                        n, baseUrl + "/" + account + "/" + n, "arn:aws:sqs:" + region + ":" + account + ":" + n, fifo));
        attributes
                .properties()
                .forEach(e -> queue.attributes.put(e.getKey(), e.getValue().asText()));
        return queue;
    }

    private void sendBatch(Queue queue, JsonNode request, ObjectNode response) {
        ArrayNode successful = response.putArray("Successful");
        ArrayNode failed = response.putArray("Failed");
        for (JsonNode entry : request.path("Entries")) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            try {
                send(queue, entry, result);
                successful
                        .addObject()
                        .put("Id", entry.path("Id").asText())
                        .put("MessageId", result.path("MessageId").asText())
                        .put("MD5OfMessageBody", result.path("MD5OfMessageBody").asText());
            } catch (AwsServiceException e) {
                failed.addObject()
                        .put("Id", entry.path("Id").asText())
                        .put("Code", e.code())
                        .put("Message", e.getMessage())
                        .put("SenderFault", true);
            }
        }
    }

    private void send(Queue queue, JsonNode request, ObjectNode response) {
        String body = request.path("MessageBody").asText();
        if (body.isEmpty()) {
            throw new AwsServiceException(
                    "MissingParameter", 400, "The request must contain the parameter MessageBody.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > 262_144) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "One or more parameters are invalid. Reason:" + " Message must be shorter than 262144 bytes.");
        }
        String groupId = request.path("MessageGroupId").asText(null);
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        response.put("MessageId", id).put("MD5OfMessageBody", digest("MD5", body));
        JsonNode messageAttributes = request.path("MessageAttributes");
        if (messageAttributes.isObject() && !messageAttributes.isEmpty()) {
            response.put("MD5OfMessageAttributes", attributesDigest(messageAttributes));
        }
        String deduplicationId = null;
        if (queue.fifo) {
            if (groupId == null) {
                throw new AwsServiceException(
                        "MissingParameter", 400, "The request must contain the parameter MessageGroupId.");
            }
            deduplicationId = request.path("MessageDeduplicationId")
                    .asText(queue.contentDeduplication() ? digest("SHA-256", body) : null);
            if (deduplicationId == null) {
                throw new AwsServiceException(
                        "InvalidParameterValue",
                        400,
                        "The queue should either have"
                                + " ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            queue.deduplication.values().removeIf(at -> now - at > DEDUPLICATION_WINDOW_MILLIS);
            String scope = "messageGroup".equals(queue.attributes.get("DeduplicationScope")) ? groupId + "/" : "";
            if (queue.deduplication.putIfAbsent(scope + deduplicationId, now) != null) {
                return; // accepted and answered as sent, not delivered again: SQS's deduplication
            }
            response.put("SequenceNumber", Long.toString(sequence.incrementAndGet()));
        } else if (groupId != null) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "The request include parameter that is not valid for this queue type");
        }
        long delay =
                request.path("DelaySeconds").asLong(Long.parseLong(queue.attributes.getOrDefault("DelaySeconds", "0")));
        queue.messages.add(new Message(
                id,
                body,
                groupId,
                deduplicationId,
                now,
                sequence.get(),
                request.path("MessageAttributes"),
                now + delay * 1000));
        sent.add(new Published(
                "sqs",
                queue.url,
                id,
                null,
                body,
                groupId == null ? Map.of() : Map.of("MessageGroupId", groupId),
                Instant.ofEpochMilli(now)));
        notifyAll(); // long polls waiting on this backend
    }

    private void receive(Queue queue, JsonNode request, ObjectNode response) {
        int max = Math.max(1, Math.min(request.path("MaxNumberOfMessages").asInt(1), 10));
        long waitUntil = System.currentTimeMillis()
                + Math.min(request.path("WaitTimeSeconds").asLong(0), 20) * 1000;
        int visibility = request.has("VisibilityTimeout")
                ? request.path("VisibilityTimeout").asInt()
                : queue.visibilityTimeoutSeconds();
        ArrayNode messages = response.putArray("Messages");
        while (true) {
            collect(queue, max, visibility, messages);
            long left = waitUntil - System.currentTimeMillis();
            if (!messages.isEmpty() || left <= 0 || !queues.containsKey(queue.name)) {
                return;
            }
            try {
                wait(Math.min(left, 100)); // also wakes for messages becoming visible again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void collect(Queue queue, int max, int visibility, ArrayNode out) {
        long now = System.currentTimeMillis();
        Set<String> blockedGroups = new HashSet<>();
        Iterator<Message> iterator = queue.messages.iterator();
        while (iterator.hasNext() && out.size() < max) {
            Message message = iterator.next();
            if (queue.fifo && blockedGroups.contains(message.groupId)) {
                continue;
            }
            if (message.visibleAt > now) { // in flight from an earlier receive, or delayed
                if (queue.fifo) {
                    blockedGroups.add(message.groupId); // later messages of the group wait for this one
                }
                continue;
            }
            Queue deadLetter = deadLetterQueue(queue, message);
            if (deadLetter != null) {
                iterator.remove();
                message.receipt = null;
                message.visibleAt = now;
                deadLetter.messages.add(message);
                continue;
            }
            message.receiveCount++;
            if (message.firstReceivedAt == 0) {
                message.firstReceivedAt = now;
            }
            message.receipt = UUID.randomUUID() + "#" + message.id;
            message.visibleAt = now + visibility * 1000L;
            // One receive may return several messages of a group, in order; the next receive gets none of the
            // group while these are in flight (the visibility check above).
            out.add(render(queue, message));
        }
    }

    /** The dead-letter queue a message moves to on this receive, or null when it is delivered. */
    private Queue deadLetterQueue(Queue queue, Message message) {
        String policy = queue.attributes.get("RedrivePolicy");
        if (policy == null || policy.isBlank()) {
            return null;
        }
        JsonNode redrive;
        try {
            redrive = JSON.readTree(policy);
        } catch (java.io.IOException e) {
            throw new AwsServiceException(
                    "InvalidAttributeValue", 400, "Invalid value for the parameter RedrivePolicy");
        }
        if (message.receiveCount < redrive.path("maxReceiveCount").asInt(Integer.MAX_VALUE)) {
            return null;
        }
        String target = redrive.path("deadLetterTargetArn").asText();
        return queues.values().stream()
                .filter(q -> q.arn.equals(target))
                .findFirst()
                .orElse(null);
    }

    private static ObjectNode render(Queue queue, Message message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("MessageId", message.id)
                .put("ReceiptHandle", message.receipt)
                .put("Body", message.body)
                .put("MD5OfBody", digest("MD5", message.body));
        ObjectNode attributes = out.putObject("Attributes");
        attributes
                .put("ApproximateReceiveCount", Integer.toString(message.receiveCount))
                .put("SentTimestamp", Long.toString(message.sentAt))
                .put("ApproximateFirstReceiveTimestamp", Long.toString(message.firstReceivedAt))
                .put("SenderId", EmbeddedAws.ACCOUNT);
        if (queue.fifo) {
            attributes
                    .put("MessageGroupId", message.groupId)
                    .put("MessageDeduplicationId", message.deduplicationId)
                    .put("SequenceNumber", Long.toString(message.sequence));
        }
        if (message.messageAttributes != null
                && message.messageAttributes.isObject()
                && !message.messageAttributes.isEmpty()) {
            out.set("MessageAttributes", message.messageAttributes);
            out.put("MD5OfMessageAttributes", attributesDigest(message.messageAttributes));
        }
        return out;
    }

    private void delete(Queue queue, String receipt) {
        // A receipt of an earlier receive (the message was redelivered since) deletes nothing, as in SQS.
        queue.messages.removeIf(m -> receipt.equals(m.receipt));
    }

    private void changeVisibility(Queue queue, String receipt, int seconds) {
        if (seconds < 0 || seconds > 43_200) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "Value " + seconds
                            + " for parameter VisibilityTimeout is invalid. Reason: must be between 0 and 43200.");
        }
        Message message = queue.messages.stream()
                .filter(m -> receipt.equals(m.receipt))
                .findFirst()
                .orElseThrow(() ->
                        new AwsServiceException("ReceiptHandleIsInvalid", 400, "The input receipt handle is invalid."));
        message.visibleAt = System.currentTimeMillis() + seconds * 1000L;
        notifyAll();
    }

    private static void attributes(Queue queue, ObjectNode out) {
        long now = System.currentTimeMillis();
        queue.attributes.forEach(out::put);
        out.put("QueueArn", queue.arn)
                .put(
                        "ApproximateNumberOfMessages",
                        Long.toString(queue.messages.stream()
                                .filter(m -> !m.inFlight(now) && m.visibleAt <= now)
                                .count()))
                .put(
                        "ApproximateNumberOfMessagesNotVisible",
                        Long.toString(queue.messages.stream()
                                .filter(m -> m.inFlight(now))
                                .count()))
                .put(
                        "ApproximateNumberOfMessagesDelayed",
                        Long.toString(queue.messages.stream()
                                .filter(m -> m.receipt == null && m.visibleAt > now)
                                .count()))
                .put("VisibilityTimeout", Integer.toString(queue.visibilityTimeoutSeconds()))
                .put("FifoQueue", Boolean.toString(queue.fifo));
    }

    private Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new AwsServiceException(
                    "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
        }
        return queue;
    }

    private Queue queueByUrl(String url) {
        return queue(url.substring(url.lastIndexOf('/') + 1));
    }

    /**
     * SQS's MD5 of message attributes, which the SDK checks: per attribute in name order, the name, the data type,
     * a transport byte (1 string or number, 2 binary) and the value, each length-prefixed (4 bytes, big-endian).
     */
    static String attributesDigest(JsonNode attributes) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.util.List<String> names = new java.util.ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        for (String name : names) {
            JsonNode attribute = attributes.get(name);
            String type = attribute.path("DataType").asText();
            lengthPrefixed(bytes, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(bytes, type.getBytes(StandardCharsets.UTF_8));
            if (type.startsWith("Binary")) {
                bytes.write(2);
                lengthPrefixed(
                        bytes,
                        java.util.Base64.getDecoder()
                                .decode(attribute.path("BinaryValue").asText()));
            } else {
                bytes.write(1);
                lengthPrefixed(bytes, attribute.path("StringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lengthPrefixed(java.io.ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static String digest(String algorithm, String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
