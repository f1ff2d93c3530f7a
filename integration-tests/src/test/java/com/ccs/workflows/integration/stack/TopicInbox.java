package com.ccs.workflows.integration.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The messages published to a stack's topics, as a subscriber receives them: one SQS queue subscribed to each
 * topic (SNS's JSON envelope, parsed). Everything received is kept, so scenarios filter by what identifies their
 * own run (an incident id, an execution id).
 */
public final class TopicInbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A notification as delivered: the topic, the subject and the message text. */
    public record Notification(String topicArn, String messageId, String subject, String message) {}

    private final SnsClient sns;
    private final SqsClient sqs;
    private final Map<String, String> queueByTopic = new LinkedHashMap<>();
    private final List<String> subscriptions = new ArrayList<>();
    private final List<Notification> received = new ArrayList<>();

    public TopicInbox(SnsClient sns, SqsClient sqs, List<String> topicArns) {
        this.sns = sns;
        this.sqs = sqs;
        String run = UUID.randomUUID().toString().substring(0, 8);

        for (String topic : topicArns) {
            String url = sqs.createQueue(r -> r.queueName("inbox-" + run + "-" + queueByTopic.size()))
                    .queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            subscriptions.add(
                    sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn))
                            .subscriptionArn());
            queueByTopic.put(topic, url);
        }
    }

    /** Everything received so far on {@code topicArn} that matches, after reading what has arrived. */
    public synchronized List<Notification> messages(String topicArn, Predicate<Notification> filter) {
        drain();
        return received.stream()
                .filter(n -> n.topicArn().equals(topicArn))
                .filter(filter)
                .toList();
    }

    /**
     * Waits until {@code count} matching messages arrived on {@code topicArn} (or {@code timeout} passed), then
     * waits a little more so that an extra, unexpected message shows up in the answer too.
     */
    public List<Notification> await(String topicArn, Predicate<Notification> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Notification> found = messages(topicArn, filter);
        while (found.size() < count && System.nanoTime() < deadline) {
            pause(50);
            found = messages(topicArn, filter);
        }
        pause(300);
        return messages(topicArn, filter);
    }

    private void drain() {
        queueByTopic.forEach((topic, url) -> {
            while (true) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10))
                        .messages();
                if (batch.isEmpty()) {
                    return;
                }
                for (Message message : batch) {
                    received.add(parse(topic, message.body()));
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
        });
    }

    private static Notification parse(String topic, String body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            if (!"Notification".equals(envelope.path("Type").asText())) {
                throw new IllegalStateException("not an SNS notification envelope: " + body);
            }
            String from = envelope.path("TopicArn").asText(topic);
            return new Notification(
                    from,
                    envelope.path("MessageId").asText(),
                    envelope.path("Subject").asText(null),
                    envelope.path("Message").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(arn -> sns.unsubscribe(r -> r.subscriptionArn(arn)));
        queueByTopic.values().forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
    }
}
