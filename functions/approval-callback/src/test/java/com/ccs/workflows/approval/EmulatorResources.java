package com.ccs.workflows.approval;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.SecretsManagerSecrets;
import com.ccs.workflows.testing.Emulators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Clients for the AWS emulator and the resources one IT class creates there, each uniquely named (others share
 * the emulator) and deleted again by {@link #close()}: only what this class created.
 */
final class EmulatorResources implements AutoCloseable {
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final DynamoDbClient dynamo;
    final SnsClient sns;
    final SqsClient sqs;
    /** Creates and changes secrets, as an operator would. */
    final SecretsManagerClient secrets;
    /** Reads them, as the functions do. */
    final SecretsManagerSecrets secretReader;

    final SchedulerClient scheduler;
    final SfnClient sfn;
    private final List<Runnable> cleanups = new ArrayList<>();

    EmulatorResources() {
        Map<String, String> env = Emulators.awsEnvironment();
        dynamo = AwsClients.build(DynamoDbClient.builder(), env);
        sns = AwsClients.build(SnsClient.builder(), env);
        // Long polls outlast the functions' short socket timeout, so the test's reader gets its own HTTP client.
        sqs = SqsClient.builder()
                .endpointOverride(Emulators.aws())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
        secrets = AwsClients.build(SecretsManagerClient.builder(), env);
        secretReader = SecretsManagerSecrets.fromEnvironment(env);
        scheduler = AwsClients.build(SchedulerClient.builder(), env);
        sfn = AwsClients.build(SfnClient.builder(), env);
    }

    String name(String what) {
        return "ccs-it-" + what + "-" + suffix;
    }

    /** The approvals table as tables.md defines it: partition key approval_id (S). */
    String approvalsTable() {
        String table = name("approvals");
        dynamo.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("approval_id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("approval_id")
                        .keyType(KeyType.HASH)
                        .build()));
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        cleanups.add(() -> dynamo.deleteTable(r -> r.tableName(table)));
        return table;
    }

    String secret(String value) {
        String arn = secrets.createSecret(r -> r.name(name("signing-secret")).secretString(value))
                .arn();
        cleanups.add(() -> secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true)));
        return arn;
    }

    String queueUrl(String what) {
        String url = sqs.createQueue(r -> r.queueName(name(what))).queueUrl();
        cleanups.add(() -> sqs.deleteQueue(r -> r.queueUrl(url)));
        return url;
    }

    String queueArn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** A topic whose messages arrive, raw, in the returned queue. */
    String[] topicWithQueue() {
        String topicArn =
                sns.createTopic(r -> r.name(name("manager-notifications"))).topicArn();
        cleanups.add(() -> sns.deleteTopic(r -> r.topicArn(topicArn)));
        String queueUrl = queueUrl("manager-inbox");
        sns.subscribe(r -> r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn(queueUrl))
                .attributes(Map.of("RawMessageDelivery", "true")));
        return new String[] {topicArn, queueUrl};
    }

    String scheduleGroup() {
        String group = name("approval-reminders");
        scheduler.createScheduleGroup(r -> r.name(group));
        cleanups.add(() -> scheduler.deleteScheduleGroup(r -> r.name(group)));
        return group;
    }

    String stateMachine(String what, String definition) {
        String arn = sfn.createStateMachine(r -> r.name(name(what))
                        .definition(definition)
                        .roleArn("arn:aws:iam::000000000000:role/" + name("sfn")))
                .stateMachineArn();
        cleanups.add(() -> sfn.deleteStateMachine(r -> r.stateMachineArn(arn)));
        return arn;
    }

    void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    /** Receives up to {@code max} messages, waiting at most {@code waitSeconds} for the first. */
    List<Message> receive(String queueUrl, int max, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(
                        r -> r.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds))
                .messages();
        messages.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    @Override
    public void close() {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("cleanup failed: " + e.getMessage());
            }
        }
    }
}
