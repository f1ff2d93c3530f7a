package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.validatecustomer.PlateOwners.ActivePlate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@link DynamoDbPlateOwners} on DynamoDB in the AWS emulator (MiniStack), items written as activate-service writes them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbPlateOwnersIT {
    private DynamoDbClient dynamo;
    private String table;

    @BeforeAll
    void createTable() {
        dynamo = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
        table = "ccs-test-vehicles-" + UUID.randomUUID().toString().substring(0, 12);
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("plate").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("plate").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    @AfterAll
    void dropTable() {
        if (dynamo != null) {
            dynamo.deleteTable(b -> b.tableName(table));
            dynamo.close();
        }
    }

    private void vehicle(String plate, String customer, String contract, String status) {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "plate", AttributeValue.fromS(plate),
                        "customer_id", AttributeValue.fromS(customer),
                        "contract_id", AttributeValue.fromS(contract),
                        "model", AttributeValue.fromS("Kenworth T800"),
                        "status", AttributeValue.fromS(status),
                        "activated_at", AttributeValue.fromS("2026-03-01T10:15:30.123Z"))));
    }

    @Test
    void findsTheActiveHoldersAmongMoreThanOneBatchOfPlates() {
        vehicle("HLD001", "CUST-1", "CONT-2026-000001", "active");
        vehicle("HLD002", "CUST-2", "CONT-2026-000002", "active");
        vehicle("HLD003", "CUST-3", "CONT-2026-000003", "inactive");
        List<String> asked = IntStream.rangeClosed(1, 230)
                .mapToObj(i -> String.format("HLD%03d", i))
                .toList();

        Map<String, ActivePlate> active =
                new DynamoDbPlateOwners(new DynamoDbBatchGet(dynamo), table).activeHolders(asked);

        assertThat(active)
                .containsOnly(
                        Map.entry("HLD001", new ActivePlate("HLD001", "CUST-1", "CONT-2026-000001")),
                        Map.entry("HLD002", new ActivePlate("HLD002", "CUST-2", "CONT-2026-000002")));
    }
}
