package com.ccs.workflows.localrunner.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message in an embedded SQS queue; mutable, as each receive counts, hides and hands it a new receipt. */
final class SqsMessage {
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

    SqsMessage(
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

    /** The message as ReceiveMessage returns it. */
    ObjectNode render(boolean fifo) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("MessageId", id)
                .put("ReceiptHandle", receipt)
                .put("Body", body)
                .put("MD5OfBody", SqsDigests.digest("MD5", body));
        ObjectNode attributes = out.putObject("Attributes");
        attributes
                .put("ApproximateReceiveCount", Integer.toString(receiveCount))
                .put("SentTimestamp", Long.toString(sentAt))
                .put("ApproximateFirstReceiveTimestamp", Long.toString(firstReceivedAt))
                .put("SenderId", EmbeddedAws.ACCOUNT);
        if (fifo) {
            attributes
                    .put("MessageGroupId", groupId)
                    .put("MessageDeduplicationId", deduplicationId)
                    .put("SequenceNumber", Long.toString(sequence));
        }
        if (messageAttributes != null && messageAttributes.isObject() && !messageAttributes.isEmpty()) {
            out.set("MessageAttributes", messageAttributes);
            out.put("MD5OfMessageAttributes", SqsDigests.attributesDigest(messageAttributes));
        }
        return out;
    }
}
