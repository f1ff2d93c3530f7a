package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQS in memory (AWS JSON protocol), with the semantics the emergency ingestion relies on: FIFO queues with
 * content-based deduplication over a 5-minute window and per-group ordering (no message of a group is delivered
 * while an earlier one is in flight), visibility timeouts and redelivery, {@code ApproximateReceiveCount}, a
 * redrive policy that moves a message to its dead-letter queue after {@code maxReceiveCount} receives, long
 * polling, and the batch calls. Times are real: a redelivery test shortens the queue's VisibilityTimeout. This class
 * holds the queues, dispatches the operations and does the long polling; a queue's own rules are in
 * {@link SqsQueue}.
 */
public final class SqsBackend {
    /** The most a SendMessageBatch may carry in all (SendMessageBatch's documentation: 1 MiB). */
    static final long MAX_BATCH_BYTES = 1_048_576;

    private final Map<String, SqsQueue> queues = new ConcurrentHashMap<>();
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
                queueByUrl(request.path("QueueUrl").asText())
                        .delete(request.path("ReceiptHandle").asText());
            case "DeleteMessageBatch" -> {
                SqsQueue queue = queueByUrl(request.path("QueueUrl").asText());
                ArrayNode successful = response.putArray("Successful");
                response.putArray("Failed");
                for (JsonNode entry : request.path("Entries")) {
                    queue.delete(entry.path("ReceiptHandle").asText());
                    successful.addObject().put("Id", entry.path("Id").asText());
                }
            }
            case "ChangeMessageVisibility" -> {
                queueByUrl(request.path("QueueUrl").asText())
                        .changeVisibility(
                                request.path("ReceiptHandle").asText(),
                                request.path("VisibilityTimeout").asInt());
                notifyAll();
            }
            case "GetQueueAttributes" ->
                queueByUrl(request.path("QueueUrl").asText()).describe(response.putObject("Attributes"));
            case "SetQueueAttributes" ->
                queueByUrl(request.path("QueueUrl").asText()).putAttributes(request.path("Attributes"));
            default -> throw AwsServiceException.unsupported("SQS", operation);
        }
        return response;
    }

    /** Delivers a message from another embedded service (an SNS subscription) to the queue with this ARN. */
    synchronized void deliver(String queueArn, String body, String groupId) {
        SqsQueue queue = queueByArn(queueArn);
        if (queue == null) {
            throw new AwsServiceException("NotFound", 404, "SQS queue " + queueArn + " does not exist");
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("MessageBody", body);
        if (queue.fifo) {
            request.put("MessageGroupId", groupId == null ? "sns" : groupId);
        }
        send(queue, request, JsonNodeFactory.instance.objectNode());
    }

    private SqsQueue create(String name, JsonNode attributes) {
        if (name.isEmpty() || name.length() > 80 || !name.matches("[A-Za-z0-9_-]+(\\.fifo)?")) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "Can only include alphanumeric characters," + " hyphens, or underscores. 1 to 80 in length");
        }
        boolean fifo = name.endsWith(".fifo")
                || "true".equals(attributes.path("FifoQueue").asText());
        SqsQueue queue = queues.computeIfAbsent(
                name,
                n -> new SqsQueue(
                        n, baseUrl + "/" + account + "/" + n, "arn:aws:sqs:" + region + ":" + account + ":" + n, fifo));
        queue.putAttributes(attributes);
        return queue;
    }

    private void sendBatch(SqsQueue queue, JsonNode request, ObjectNode response) {
        long total = 0;
        for (JsonNode entry : request.path("Entries")) {
            total += SqsQueue.size(entry.path("MessageBody").asText(), entry.path("MessageAttributes"));
        }
        if (total > MAX_BATCH_BYTES) { // the whole batch is refused, whatever each queue's own limit
            throw new AwsServiceException(
                    "AWS.SimpleQueueService.BatchRequestTooLong",
                    400,
                    "Batch requests cannot be longer than " + MAX_BATCH_BYTES + " bytes. You have sent " + total
                            + " bytes.");
        }
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

    private void send(SqsQueue queue, JsonNode request, ObjectNode response) {
        SqsMessage message = queue.send(request, response, sequence);
        if (message == null) {
            return;
        }
        sent.add(new Published(
                "sqs",
                queue.url,
                message.id,
                null,
                message.body,
                message.groupId == null ? Map.of() : Map.of("MessageGroupId", message.groupId),
                Instant.ofEpochMilli(message.sentAt)));
        notifyAll(); // long polls waiting on this backend
    }

    private void receive(SqsQueue queue, JsonNode request, ObjectNode response) {
        int max = Math.max(1, Math.min(request.path("MaxNumberOfMessages").asInt(1), 10));
        long waitUntil = System.currentTimeMillis()
                + Math.min(request.path("WaitTimeSeconds").asLong(0), 20) * 1000;
        int visibility = request.has("VisibilityTimeout")
                ? request.path("VisibilityTimeout").asInt()
                : queue.visibilityTimeoutSeconds();
        ArrayNode messages = response.putArray("Messages");
        while (true) {
            queue.collect(max, visibility, messages, this::queueByArn);
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

    private SqsQueue queue(String name) {
        SqsQueue queue = queues.get(name);
        if (queue == null) {
            throw new AwsServiceException(
                    "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
        }
        return queue;
    }

    private SqsQueue queueByUrl(String url) {
        return queue(url.substring(url.lastIndexOf('/') + 1));
    }

    /** The queue with this ARN, or null. */
    private SqsQueue queueByArn(String arn) {
        return queues.values().stream()
                .filter(q -> q.arn.equals(arn))
                .findFirst()
                .orElse(null);
    }
}
