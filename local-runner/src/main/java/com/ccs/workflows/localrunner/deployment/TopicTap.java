package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * On an external endpoint the runner cannot look inside SNS: it subscribes a queue of its own to every topic of
 * the deployment and reads what arrives, to show the messages and to find the manager's approval links.
 */
final class TopicTap implements AutoCloseable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final List<TopicMessage> observed = new ArrayList<>();
    private long lastPoll;

    TopicTap(SnsClient sns, SqsClient sqs, Collection<String> topicArns, String prefix) {
        this.sqs = sqs;
        String name =
                prefix + "-local-runner-tap-" + UUID.randomUUID().toString().substring(0, 8);
        this.queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        for (String topic : topicArns) {
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        }
    }

    /** Everything seen so far, reading the queue at most every 100 ms unless {@code now}. */
    synchronized List<TopicMessage> messages(boolean now) {
        long time = System.nanoTime();
        if (now || time - lastPoll > 100_000_000L) {
            lastPoll = time;
            drain();
        }
        return List.copyOf(observed);
    }

    private void drain() {
        while (true) {
            List<Message> batch = sqs.receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (batch.isEmpty()) {
                return;
            }
            for (Message m : batch) {
                JsonNode envelope = Json.parse(m.body());
                observed.add(new TopicMessage(
                        envelope.path("MessageId").asText(m.messageId()),
                        envelope.path("TopicArn").asText(),
                        envelope.path("Subject").asText(null),
                        envelope.path("Message").asText(m.body())));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    Map<String, String> describe() {
        return Map.of("queue", queueUrl);
    }

    @Override
    public void close() {
        try {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl)); // the runner's own queue only
        } catch (RuntimeException e) {
            // the endpoint may be gone already
        }
        sqs.close();
    }
}
