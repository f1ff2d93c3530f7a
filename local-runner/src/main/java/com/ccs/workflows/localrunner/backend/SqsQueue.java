package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One embedded SQS queue and its rules: FIFO deduplication and per-group ordering, delays, visibility timeouts
 * and the redrive policy. Not thread-safe: {@link SqsBackend} calls it under its own lock.
 */
final class SqsQueue {
    private static final long DEDUPLICATION_WINDOW_MILLIS = 5 * 60 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final String url;
    final String arn;
    final boolean fifo;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<SqsMessage> messages = new ArrayList<>();
    private final Map<String, Long> deduplication = new LinkedHashMap<>();

    SqsQueue(String name, String url, String arn, boolean fifo) {
        this.name = name;
        this.url = url;
        this.arn = arn;
        this.fifo = fifo;
    }

    int visibilityTimeoutSeconds() {
        return Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30"));
    }

    /** The queue's {@code MaximumMessageSize}; 1 MiB unless set, SQS's default for a new queue (CreateQueue). */
    long maximumMessageSize() {
        return Long.parseLong(attributes.getOrDefault("MaximumMessageSize", "1048576"));
    }

    /** A message's size as SQS limits it: the body and every attribute's name, data type and value, in bytes. */
    static long size(String body, JsonNode messageAttributes) {
        long bytes = utf8(body);
        for (var attribute : messageAttributes.properties()) {
            JsonNode value = attribute.getValue();
            bytes += utf8(attribute.getKey()) + utf8(value.path("DataType").asText(""));
            bytes += value.has("BinaryValue")
                    ? Base64.getDecoder().decode(value.path("BinaryValue").asText()).length
                    : utf8(value.path("StringValue").asText(""));
        }
        return bytes;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    boolean contentDeduplication() {
        return "true".equals(attributes.get("ContentBasedDeduplication"));
    }

    void putAttributes(JsonNode values) {
        values.properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
    }

    /**
     * SendMessage: answers in {@code response} and returns the message queued, or null for a FIFO duplicate, which
     * is answered as sent but not queued again.
     */
    SqsMessage send(JsonNode request, ObjectNode response, AtomicLong sequence) {
        String body = request.path("MessageBody").asText();
        if (body.isEmpty()) {
            throw new AwsServiceException(
                    "MissingParameter", 400, "The request must contain the parameter MessageBody.");
        }
        long limit = maximumMessageSize();
        if (size(body, request.path("MessageAttributes")) > limit) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "One or more parameters are invalid. Reason: Message must be shorter than " + limit + " bytes.");
        }
        String groupId = request.path("MessageGroupId").asText(null);
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        response.put("MessageId", id).put("MD5OfMessageBody", SqsDigests.digest("MD5", body));
        JsonNode messageAttributes = request.path("MessageAttributes");
        if (messageAttributes.isObject() && !messageAttributes.isEmpty()) {
            response.put("MD5OfMessageAttributes", SqsDigests.attributesDigest(messageAttributes));
        }
        String deduplicationId = null;
        if (fifo) {
            if (groupId == null) {
                throw new AwsServiceException(
                        "MissingParameter", 400, "The request must contain the parameter MessageGroupId.");
            }
            deduplicationId = request.path("MessageDeduplicationId")
                    .asText(contentDeduplication() ? SqsDigests.digest("SHA-256", body) : null);
            if (deduplicationId == null) {
                throw new AwsServiceException(
                        "InvalidParameterValue",
                        400,
                        "The queue should either have"
                                + " ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            deduplication.values().removeIf(at -> now - at > DEDUPLICATION_WINDOW_MILLIS);
            String scope = "messageGroup".equals(attributes.get("DeduplicationScope")) ? groupId + "/" : "";
            if (deduplication.putIfAbsent(scope + deduplicationId, now) != null) {
                return null; // accepted and answered as sent, not delivered again: SQS's deduplication
            }
            response.put("SequenceNumber", Long.toString(sequence.incrementAndGet()));
        } else if (groupId != null) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "The request include parameter that is not valid for this queue type");
        }
        long delay = request.path("DelaySeconds").asLong(Long.parseLong(attributes.getOrDefault("DelaySeconds", "0")));
        SqsMessage message = new SqsMessage(
                id,
                body,
                groupId,
                deduplicationId,
                now,
                sequence.get(),
                request.path("MessageAttributes"),
                now + delay * 1000);
        messages.add(message);
        return message;
    }

    /**
     * One pass of ReceiveMessage: adds up to {@code max} visible messages to {@code out}, moving those past the
     * redrive policy's maxReceiveCount to the dead-letter queue ({@code byArn} finds it) instead.
     */
    void collect(int max, int visibility, ArrayNode out, Function<String, SqsQueue> byArn) {
        long now = System.currentTimeMillis();
        Set<String> blockedGroups = new HashSet<>();
        Iterator<SqsMessage> iterator = messages.iterator();
        while (iterator.hasNext() && out.size() < max) {
            SqsMessage message = iterator.next();
            if (fifo && blockedGroups.contains(message.groupId)) {
                continue;
            }
            if (message.visibleAt > now) { // in flight from an earlier receive, or delayed
                if (fifo) {
                    blockedGroups.add(message.groupId); // later messages of the group wait for this one
                }
                continue;
            }
            SqsQueue deadLetter = deadLetterQueue(message, byArn);
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
            out.add(message.render(fifo));
        }
    }

    /** The dead-letter queue a message moves to on this receive, or null when it is delivered. */
    private SqsQueue deadLetterQueue(SqsMessage message, Function<String, SqsQueue> byArn) {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isBlank()) {
            return null;
        }
        JsonNode redrive;
        try {
            redrive = JSON.readTree(policy);
        } catch (IOException e) {
            throw new AwsServiceException(
                    "InvalidAttributeValue", 400, "Invalid value for the parameter RedrivePolicy");
        }
        if (message.receiveCount < redrive.path("maxReceiveCount").asInt(Integer.MAX_VALUE)) {
            return null;
        }
        return byArn.apply(redrive.path("deadLetterTargetArn").asText());
    }

    void delete(String receipt) {
        // A receipt of an earlier receive (the message was redelivered since) deletes nothing, as in SQS.
        messages.removeIf(m -> receipt.equals(m.receipt));
    }

    void changeVisibility(String receipt, int seconds) {
        if (seconds < 0 || seconds > 43_200) {
            throw new AwsServiceException(
                    "InvalidParameterValue",
                    400,
                    "Value " + seconds
                            + " for parameter VisibilityTimeout is invalid. Reason: must be between 0 and 43200.");
        }
        SqsMessage message = messages.stream()
                .filter(m -> receipt.equals(m.receipt))
                .findFirst()
                .orElseThrow(() ->
                        new AwsServiceException("ReceiptHandleIsInvalid", 400, "The input receipt handle is invalid."));
        message.visibleAt = System.currentTimeMillis() + seconds * 1000L;
    }

    /** GetQueueAttributes: the attributes set, and the counts and settings SQS computes. */
    void describe(ObjectNode out) {
        long now = System.currentTimeMillis();
        attributes.forEach(out::put);
        out.put("QueueArn", arn)
                .put(
                        "ApproximateNumberOfMessages",
                        Long.toString(messages.stream()
                                .filter(m -> !m.inFlight(now) && m.visibleAt <= now)
                                .count()))
                .put(
                        "ApproximateNumberOfMessagesNotVisible",
                        Long.toString(
                                messages.stream().filter(m -> m.inFlight(now)).count()))
                .put(
                        "ApproximateNumberOfMessagesDelayed",
                        Long.toString(messages.stream()
                                .filter(m -> m.receipt == null && m.visibleAt > now)
                                .count()))
                .put("VisibilityTimeout", Integer.toString(visibilityTimeoutSeconds()))
                .put("FifoQueue", Boolean.toString(fifo));
    }
}
