package com.ccs.workflows.createcontract;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A contracts table of the data model's shape (partition key {@code contract_id}, S) created for one test in the
 * shared emulator, under a unique name, and deleted by the test that made it.
 */
final class ContractsTable {
    private ContractsTable() {}

    static String create(DynamoDbClient dynamo) {
        String name = "ccs-test-contracts-" + UUID.randomUUID().toString().substring(0, 12);
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("contract_id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("contract_id").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    static void delete(DynamoDbClient dynamo, String name) {
        dynamo.deleteTable(b -> b.tableName(name));
    }

    /** Items whose key starts with {@code prefix} ({@code CONT-}, {@code REQUEST#}, {@code COUNTER#}). */
    static int count(DynamoDbClient dynamo, String name, String prefix) {
        return dynamo
                .scanPaginator(b -> b.tableName(name)
                        .consistentRead(true)
                        .filterExpression("begins_with(contract_id, :prefix)")
                        .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(prefix))))
                .items()
                .stream()
                .mapToInt(item -> 1)
                .sum();
    }
}
