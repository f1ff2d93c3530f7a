package com.ccs.workflows.activateservice;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The contracts and vehicles tables of the data model (vehicles with its {@code by-contract} index), created for
 * one test class in the shared emulator under unique names and deleted by it.
 */
final class FleetTables {
    static final String BY_CONTRACT = "by-contract";

    private FleetTables() {}

    static String createContracts(DynamoDbClient dynamo) {
        String name = "ccs-test-contracts-" + suffix();
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("contract_id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("contract_id").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    static String createVehicles(DynamoDbClient dynamo) {
        String name = "ccs-test-vehicles-" + suffix();
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("plate").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("contract_id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("plate").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName(BY_CONTRACT)
                        .keySchema(
                                k -> k.attributeName("contract_id").keyType(KeyType.HASH),
                                k -> k.attributeName("plate").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    /** A contract item as create-contract leaves it after payment: key, customer, status {@code paid}. */
    static void putPaidContract(DynamoDbClient dynamo, String table, String contractId, String customerId) {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "contract_id", AttributeValue.fromS(contractId),
                        "customer_id", AttributeValue.fromS(customerId),
                        "status", AttributeValue.fromS("paid"),
                        "number_of_vehicles", AttributeValue.fromN("75"),
                        "created_at", AttributeValue.fromS("2026-03-01T10:15:30.123Z"))));
    }

    static void delete(DynamoDbClient dynamo, String name) {
        dynamo.deleteTable(b -> b.tableName(name));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 12);
    }
}
