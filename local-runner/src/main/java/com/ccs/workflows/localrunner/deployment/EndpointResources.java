package com.ccs.workflows.localrunner.deployment;

import com.ccs.workflows.localrunner.template.ProjectResources;
import com.ccs.workflows.localrunner.template.SamTemplate;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An emulator or AWS: the resources are created through the SDK, reusing those an earlier run left there. */
final class EndpointResources implements ResourceTarget {
    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final SecretsManagerClient secrets;
    private final SchedulerClient scheduler;

    EndpointResources(SdkHttpClient http, URI endpoint, String region) {
        Region r = Region.of(region);
        this.dynamoDb = DynamoDbClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(r)
                .build();
        this.sns = SnsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(r)
                .build();
        this.sqs = SqsClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(r)
                .build();
        this.secrets = SecretsManagerClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(r)
                .build();
        this.scheduler = SchedulerClient.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(r)
                .build();
    }

    @Override
    public void createTable(ProjectResources.TableSpec table) {
        try {
            dynamoDb.createTable(r -> {
                r.tableName(table.name())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(table.attributeDefinitions().stream()
                                .map(a -> AttributeDefinition.builder()
                                        .attributeName(a.get("AttributeName").toString())
                                        .attributeType(a.get("AttributeType").toString())
                                        .build())
                                .toList())
                        .keySchema(keySchema(table.keySchema()));
                if (!table.globalSecondaryIndexes().isEmpty()) {
                    r.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                            .map(EndpointResources::index)
                            .toList());
                }
            });
        } catch (ResourceInUseException e) {
            // already there from an earlier run: reuse it
        }
    }

    private static GlobalSecondaryIndex index(Map<String, Object> g) {
        Object projection = SamTemplate.map(g.get("Projection")).getOrDefault("ProjectionType", "ALL");
        return GlobalSecondaryIndex.builder()
                .indexName(g.get("IndexName").toString())
                .keySchema(keySchema(castList(g.get("KeySchema"))))
                .projection(Projection.builder()
                        .projectionType(ProjectionType.fromValue(String.valueOf(projection)))
                        .build())
                .build();
    }

    @Override
    public String createTopic(ProjectResources.TopicSpec topic) {
        return sns.createTopic(r -> r.name(topic.name())).topicArn();
    }

    @Override
    public String createQueue(ProjectResources.QueueSpec queue) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        queue.attributes().forEach((k, v) -> attributes.put(QueueAttributeName.fromValue(k), v));
        return sqs.createQueue(r -> r.queueName(queue.name()).attributes(attributes))
                .queueUrl();
    }

    @Override
    public String putSecret(ProjectResources.SecretSpec secret, String value) {
        try {
            return secrets.createSecret(r -> r.name(secret.name()).secretString(value))
                    .arn();
        } catch (ResourceExistsException e) {
            return secrets.putSecretValue(r -> r.secretId(secret.name()).secretString(value))
                    .arn();
        }
    }

    @Override
    public void createScheduleGroup(String name) {
        try {
            scheduler.createScheduleGroup(r -> r.name(name));
        } catch (ConflictException e) {
            // already there from an earlier run
        }
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> schema) {
        return schema.stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(k.get("AttributeName").toString())
                        .keyType(k.get("KeyType").toString())
                        .build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Override
    public void close() {
        dynamoDb.close();
        sns.close();
        sqs.close();
        secrets.close();
        scheduler.close();
    }
}
