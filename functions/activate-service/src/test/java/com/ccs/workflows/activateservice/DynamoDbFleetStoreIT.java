package com.ccs.workflows.activateservice;

import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared {@link ServiceActivatorScenarios} against {@link DynamoDbFleetStore} on DynamoDB in the AWS emulator
 * (MiniStack); vehicles are read back through the {@code by-contract} index, as the rest of the system reads them.
 * One pair of tables per class; scenarios use distinct contract ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbFleetStoreIT extends ServiceActivatorScenarios {
    private DynamoDbClient dynamo;
    private String contracts;
    private String vehicles;

    @BeforeAll
    void createTables() {
        dynamo = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
        contracts = FleetTables.createContracts(dynamo);
        vehicles = FleetTables.createVehicles(dynamo);
    }

    @AfterAll
    void dropTables() {
        if (dynamo != null) {
            FleetTables.delete(dynamo, contracts);
            FleetTables.delete(dynamo, vehicles);
            dynamo.close();
        }
    }

    @Override
    FleetStore newStore() {
        return new DynamoDbFleetStore(dynamo, contracts, vehicles);
    }

    @Override
    void addContract(String contractId, String customerId) {
        FleetTables.putPaidContract(dynamo, contracts, contractId, customerId);
    }

    @Override
    ContractView contract(String contractId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(contracts)
                .key(Map.of("contract_id", AttributeValue.fromS(contractId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new ContractView(item.get("status").s(),
                item.containsKey("activated_at") ? Instant.parse(item.get("activated_at").s()) : null,
                item.containsKey("vehicles_registered") ? Integer.valueOf(item.get("vehicles_registered").n()) : null);
    }

    @Override
    Map<String, ActiveVehicle> vehiclesOf(String contractId) {
        return items(contractId).stream()
                .map(item -> new ActiveVehicle(item.get("plate").s(), item.get("contract_id").s(), item.get("customer_id").s(),
                        item.containsKey("model") ? item.get("model").s() : null, Instant.parse(item.get("activated_at").s())))
                .collect(Collectors.toMap(ActiveVehicle::plate, Function.identity()));
    }

    private List<Map<String, AttributeValue>> items(String contractId) {
        return dynamo.queryPaginator(b -> b
                        .tableName(vehicles)
                        .indexName(FleetTables.BY_CONTRACT)
                        .keyConditionExpression("contract_id = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(contractId))))
                .items().stream().toList();
    }

    @Test
    void vehicleItemsAreActiveAndContractKeepsItsOtherAttributes() {
        addContract("CONT-2026-000200", CUSTOMER);

        activator.activate(new ActivationRequest("CONT-2026-000200", CUSTOMER, 75, fleet(2)));

        assertThat(items("CONT-2026-000200")).extracting(item -> item.get("status").s()).containsOnly("active");
        Map<String, AttributeValue> contract = dynamo.getItem(b -> b.tableName(contracts)
                .key(Map.of("contract_id", AttributeValue.fromS("CONT-2026-000200"))).consistentRead(true)).item();
        assertThat(contract.get("number_of_vehicles").n()).isEqualTo("75");
        assertThat(contract.get("created_at").s()).isEqualTo("2026-03-01T10:15:30.123Z");
        assertThat(contract.get("vehicles_registered").n()).isEqualTo("2");
        assertThat(contract.get("activated_at").s()).isEqualTo("2026-03-03T08:00:00.250Z");
    }

    @Test
    void handlerRunsAgainstTheTablesFromItsEnvironment() {
        // Its own contract id: the scenarios share these tables.
        addContract("CONT-2026-000300", "CUST-98765");
        Map<String, Object> event = SampleEvents.load("activate-service", "activate-2-of-75.json");
        event.put("contract_id", "CONT-2026-000300");
        Map<String, String> env = new HashMap<>(Emulators.awsEnvironment());
        env.put(ActivateServiceHandler.CONTRACTS_TABLE, contracts);
        env.put(ActivateServiceHandler.VEHICLES_TABLE, vehicles);
        ActivateServiceHandler handler = new ActivateServiceHandler(ActivateServiceHandler.fromEnvironment(env));

        Map<String, Object> output = handler.handle(event, new TestLambdaContext("ccs-test-activate-service"));

        assertThat(output).isEqualTo(Map.of("service_status", "active", "vehicles_activated", 75, "vehicles_registered", 2));
        assertThat(vehiclesOf("CONT-2026-000300")).containsOnlyKeys("ABC123", "DEF456");
        assertThat(contract("CONT-2026-000300").status()).isEqualTo("active");
    }
}
