package com.ccs.workflows.localrunner.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The embedded SQS and SNS as the emergency ingestion and the tests' inboxes use them, through the real SDK. */
class EmbeddedQueuesTest {
    private static EmbeddedAws aws;
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void start() throws Exception {
        aws = EmbeddedAws.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(credentials)
                .region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .build();
        sns = SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(credentials)
                .region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        sns.close();
        aws.close();
    }

    private static String fifo(String name, Map<QueueAttributeName, String> attributes) {
        var all = new java.util.HashMap<>(attributes);
        all.put(QueueAttributeName.FIFO_QUEUE, "true");
        all.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        return sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(all)).queueUrl();
    }

    @Test
    void messageAttributesRoundTripWithTheChecksumsTheSdkVerifies() {
        String url = sqs.createQueue(r -> r.queueName("attributes")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url)
                .messageBody("{}")
                .messageAttributes(Map.of(
                        "error",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("InvalidEvent")
                                        .build(),
                        "attempt",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue("2")
                                        .build())));

        var message = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All"))
                .messages()
                .getFirst();

        assertThat(message.messageAttributes().get("error").stringValue()).isEqualTo("InvalidEvent");
        assertThat(message.messageAttributes().get("attempt").stringValue()).isEqualTo("2");
        assertThat(message.md5OfMessageAttributes()).hasSize(32);
    }

    @Test
    void aMessageOverTheQueuesMaximumSizeIsRefusedAsSqsRefusesIt() {
        String small = sqs.createQueue(
                        r -> r.queueName("small").attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024")))
                .queueUrl();
        String standard = sqs.createQueue(r -> r.queueName("default-size")).queueUrl();
        MessageAttributeValue eleven = MessageAttributeValue.builder()
                .dataType("String")
                .stringValue("x".repeat(11))
                .build();

        sqs.sendMessage(r -> r.queueUrl(small).messageBody("é".repeat(512))); // 1,024 bytes
        // The attributes count: name (4) + data type (6) + value (11) + a body of 1,004 bytes is 1,025.
        assertThatThrownBy(() -> sqs.sendMessage(r ->
                        r.queueUrl(small).messageBody("b".repeat(1_004)).messageAttributes(Map.of("note", eleven))))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("One or more parameters are invalid. Reason: Message must be shorter than"
                                    + " 1024 bytes.");
                });
        // A new queue takes 1 MiB, SQS's default since 2025.
        sqs.sendMessage(r -> r.queueUrl(standard).messageBody("m".repeat(1_048_576)));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(standard).messageBody("m".repeat(1_048_577))))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("Message must be shorter than 1048576 bytes.");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(small).attributeNames(QueueAttributeName.ALL))
                        .attributes())
                .containsEntry(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024");
    }

    @Test
    void aBatchOverOneMebibyteInAllIsRefusedWholeAndAnOversizedEntryAlone() {
        String url = sqs.createQueue(r ->
                        r.queueName("batches").attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "300000")))
                .queueUrl();
        List<SendMessageBatchRequestEntry> fourLarge = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fourLarge.add(SendMessageBatchRequestEntry.builder()
                    .id("e" + i)
                    .messageBody("m".repeat(262_145))
                    .build());
        }

        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(fourLarge)))
                .isInstanceOfSatisfying(
                        SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "Batch requests cannot be longer than 1048576 bytes. You have sent 1048580 bytes."));
        var answer = sqs.sendMessageBatch(r -> r.queueUrl(url)
                .entries(
                        fourLarge.get(0),
                        SendMessageBatchRequestEntry.builder()
                                .id("too-large")
                                .messageBody("m".repeat(300_001))
                                .build()));
        assertThat(answer.successful()).extracting(s -> s.id()).containsExactly("e0");
        assertThat(answer.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("too-large");
            assertThat(f.code()).isEqualTo("InvalidParameterValue");
            assertThat(f.senderFault()).isTrue();
        });
        assertThat(sqs.getQueueAttributes(
                                r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "1");
    }

    @Test
    void anUndeletedMessageComesBackAfterItsVisibilityTimeoutWithItsReceiveCount() throws InterruptedException {
        String url = sqs.createQueue(
                        r -> r.queueName("visibility").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("event"));

        var first = sqs.receiveMessage(r -> r.queueUrl(url)).messages();
        var meanwhile = sqs.receiveMessage(r -> r.queueUrl(url)).messages();
        Thread.sleep(1_100);
        var again = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();

        assertThat(first).hasSize(1);
        assertThat(meanwhile).isEmpty();
        assertThat(again)
                .singleElement()
                .satisfies(m -> assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                        .isEqualTo("2"));
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.getFirst().receiptHandle())); // a stale receipt
        assertThat(depth(url)).as("a stale receipt deletes nothing").isEqualTo(1);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.getFirst().receiptHandle()));
        assertThat(depth(url)).isZero();
    }

    @Test
    void afterMaxReceiveCountReceivesAMessageMovesToItsDeadLetterQueue() {
        String dlq = fifo("redrive-dlq", Map.of());
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String url = fifo(
                "redrive",
                Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        "0",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison").messageGroupId("VEH-1"));

        int received = 0;
        for (int i = 0; i < 4; i++) {
            received += sqs.receiveMessage(r -> r.queueUrl(url)).messages().size();
        }

        assertThat(received).isEqualTo(2);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq)).messages())
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void aFifoGroupWaitsWhileItsEarlierMessageIsInFlightAndOtherGroupsDoNot() {
        String url = fifo("groups", Map.of());
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1").messageGroupId("A"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("a2").messageGroupId("A"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("b1").messageGroupId("B"));

        var first = sqs.receiveMessage(r -> r.queueUrl(url)).messages().getFirst();
        var second =
                sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();

        assertThat(first.body()).isEqualTo("a1");
        assertThat(second).extracting(m -> m.body()).containsExactly("b1");
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages())
                .extracting(m -> m.body())
                .containsExactly("a2");
    }

    @Test
    void aTopicDeliversEveryPublishToItsQueueSubscriptionsInTheSnsEnvelope() {
        String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
        String url = sqs.createQueue(r -> r.queueName("inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn)); // idempotent

        String id = sns.publish(r -> r.topicArn(topic).subject("EMERGENCY").message("vehicle VEH-1"))
                .messageId();

        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
                .hasSize(1);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10))
                        .messages())
                .singleElement()
                .satisfies(m -> assertThat(m.body())
                        .contains("\"Type\":\"Notification\"")
                        .contains("\"MessageId\":\"" + id)
                        .contains("\"Subject\":\"EMERGENCY\"")
                        .contains("\"Message\":\"vehicle VEH-1\""));
    }

    private static int depth(String url) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
