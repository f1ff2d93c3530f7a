package com.ccs.workflows.videorecording;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A uniquely named recordings table in the emulator, shaped as template.yaml declares it; deleted by its creator. */
final class RecordingsTable implements AutoCloseable {
    final String name;
    private final DynamoDbClient client;

    private RecordingsTable(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static RecordingsTable create(DynamoDbClient client) {
        String name = "ccs-it" + UUID.randomUUID().toString().substring(0, 8) + "-recordings";
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("incident_id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("incident_id").keyType(KeyType.HASH)));
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
        return new RecordingsTable(client, name);
    }

    Map<String, AttributeValue> item(String incidentId) {
        return client.getItem(b -> b.tableName(name)
                        .consistentRead(true)
                        .key(Map.of("incident_id", AttributeValue.fromS(incidentId))))
                .item();
    }

    int itemCount() {
        return client.scan(b -> b.tableName(name).consistentRead(true)).count();
    }

    @Override
    public void close() {
        client.deleteTable(b -> b.tableName(name));
    }
}
