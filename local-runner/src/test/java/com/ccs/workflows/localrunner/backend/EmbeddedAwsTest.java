package com.ccs.workflows.localrunner.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The embedded backends answer the real AWS SDK clients the way the services do, for the calls the project makes. */
class EmbeddedAwsTest {
    private static EmbeddedAws aws;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        aws = EmbeddedAws.start();
        dynamoDb = client(DynamoDbClient.builder());
        dynamoDb.createTable(b -> b.tableName("contracts")
                .keySchema(k -> k.attributeName("contract_id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("contract_id").attributeType(ScalarAttributeType.S)));
        dynamoDb.createTable(b -> b.tableName("incidents")
                .keySchema(k -> k.attributeName("incident_id").keyType(KeyType.HASH))
                .attributeDefinitions(
                        a -> a.attributeName("incident_id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("vehicle_id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("event_timestamp").attributeType(ScalarAttributeType.N))
                .globalSecondaryIndexes(g -> g.indexName("by-vehicle")
                        .keySchema(
                                k -> k.attributeName("vehicle_id").keyType(KeyType.HASH),
                                k -> k.attributeName("event_timestamp").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType("ALL"))));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Test
    void conditionalPutWritesOnceAndReportsTheConflictAsTheSdkException() {
        Map<String, AttributeValue> item = Map.of(
                "incident_id",
                s("INC-VEH-1-1"),
                "vehicle_id",
                s("VEH-1"),
                "event_timestamp",
                AttributeValue.fromN("1"),
                "status",
                s("recorded"));
        dynamoDb.putItem(
                b -> b.tableName("incidents").item(item).conditionExpression("attribute_not_exists(incident_id)"));

        assertThatThrownBy(() -> dynamoDb.putItem(b ->
                        b.tableName("incidents").item(item).conditionExpression("attribute_not_exists(incident_id)")))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .hasMessageContaining("The conditional request failed");
        assertThat(aws.dynamoDb().items("incidents")).hasSize(1);
    }

    @Test
    void updateExpressionsCountAndReturnTheNewValues() {
        for (int expected = 1; expected <= 3; expected++) {
            Map<String, AttributeValue> attributes = dynamoDb.updateItem(b -> b.tableName("contracts")
                            .key(Map.of("contract_id", s("COUNTER#2026")))
                            .updateExpression("ADD seq :one SET updated = if_not_exists(updated, :now)")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":now", s("t0")))
                            .returnValues(ReturnValue.UPDATED_NEW))
                    .attributes();
            assertThat(attributes.get("seq").n()).isEqualTo(String.valueOf(expected));
            assertThat(attributes.get("updated").s()).isEqualTo("t0");
        }
    }

    @Test
    void updateWithConditionOnAMissingItemFailsAndWritesNothing() {
        assertThatThrownBy(() -> dynamoDb.updateItem(b -> b.tableName("contracts")
                        .key(Map.of("contract_id", s("CONT-none")))
                        .updateExpression("SET #s = :active")
                        .conditionExpression("attribute_exists(contract_id)")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":active", s("active")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.getItem(b -> b.tableName("contracts").key(Map.of("contract_id", s("CONT-none"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void transactionsApplyAllOrNothingWithPerActionReasons() {
        TransactWriteItem marker = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName("contracts")
                        .item(Map.of("contract_id", s("REQUEST#exec-1"), "target", s("CONT-2026-000001")))
                        .conditionExpression("attribute_not_exists(contract_id)")
                        .build())
                .build();
        TransactWriteItem contract = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName("contracts")
                        .item(Map.of("contract_id", s("CONT-2026-000001")))
                        .conditionExpression("attribute_not_exists(contract_id)")
                        .build())
                .build();
        dynamoDb.transactWriteItems(b -> b.transactItems(marker, contract));

        TransactWriteItem secondContract = TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName("contracts")
                        .item(Map.of("contract_id", s("CONT-2026-000002")))
                        .conditionExpression("attribute_not_exists(contract_id)")
                        .build())
                .build();
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(marker, secondContract)))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(r -> r.code())
                                .containsExactly("ConditionalCheckFailed", "None"));
        assertThat(dynamoDb.getItem(b -> b.tableName("contracts").key(Map.of("contract_id", s("CONT-2026-000002"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void batchWritesAndIndexQueriesInRangeOrder() {
        List<WriteRequest> writes = IntStream.of(3, 1, 2)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(p -> p.item(Map.of(
                                "incident_id",
                                s("INC-VEH-9-" + i),
                                "vehicle_id",
                                s("VEH-9"),
                                "event_timestamp",
                                AttributeValue.fromN(String.valueOf(i)))))
                        .build())
                .toList();
        assertThat(dynamoDb.batchWriteItem(b -> b.requestItems(Map.of("incidents", writes)))
                        .unprocessedItems())
                .isEmpty();

        List<String> ids = dynamoDb
                .query(b -> b.tableName("incidents")
                        .indexName("by-vehicle")
                        .keyConditionExpression("vehicle_id = :v AND event_timestamp >= :from")
                        .expressionAttributeValues(Map.of(":v", s("VEH-9"), ":from", AttributeValue.fromN("2"))))
                .items()
                .stream()
                .map(i -> i.get("incident_id").s())
                .toList();
        assertThat(ids).containsExactly("INC-VEH-9-2", "INC-VEH-9-3");
    }

    @Test
    void unknownTablesAreReportedAsAwsDoes() {
        assertThatThrownBy(() -> dynamoDb.getItem(b -> b.tableName("nope").key(Map.of("id", s("x")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void snsPublishesAreRecordedWithTheirAttributes() {
        SnsClient sns = client(SnsClient.builder());
        String topic = sns.createTopic(b -> b.name("ccs-dev-owner-alerts")).topicArn();
        String id = sns.publish(b -> b.topicArn(topic)
                        .subject("Alert")
                        .message("Vehicle VEH-1 <panic> & more")
                        .messageAttributes(Map.of(
                                "incident_id",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("INC-1")
                                        .build())))
                .messageId();

        assertThat(aws.sns().messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.body()).isEqualTo("Vehicle VEH-1 <panic> & more");
            assertThat(m.attributes()).containsEntry("incident_id", "INC-1");
        });
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(topic + "-missing").message("x")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void secretsAreReadByNameOrArn() {
        String arn = aws.secrets().put("ccs-dev/stripe-api-key", "sk_test_123");
        SecretsManagerClient secrets = client(SecretsManagerClient.builder());
        assertThat(secrets.getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("sk_test_123");
        assertThat(secrets.getSecretValue(b -> b.secretId("ccs-dev/stripe-api-key"))
                        .secretString())
                .isEqualTo("sk_test_123");
    }

    @Test
    void fifoQueuesDropContentDuplicates() {
        SqsClient sqs = client(SqsClient.builder());
        String url = sqs.createQueue(b -> b.queueName("events.fifo")
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                                "true")))
                .queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("VEH-1").messageBody("{\"a\":1}"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("VEH-1").messageBody("{\"a\":1}"));
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("VEH-1").messageBody("{\"a\":2}"));

        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                        .messages())
                .extracting(m -> m.body())
                .containsExactly("{\"a\":1}", "{\"a\":2}");
    }

    @Test
    void iotPublishesAreRecordedPerTopic() {
        IotDataPlaneClient iot = client(IotDataPlaneClient.builder());
        iot.publish(b -> b.topic("ccs/dev/vehicles/VEH-1/commands")
                .qos(1)
                .payload(SdkBytes.fromUtf8String("{\"command\":\"START_RECORDING\"}")));
        assertThat(aws.recorded().iotMessages()).singleElement().satisfies(m -> {
            assertThat(m.destination()).isEqualTo("ccs/dev/vehicles/VEH-1/commands");
            assertThat(m.body()).contains("START_RECORDING");
        });
    }
}
