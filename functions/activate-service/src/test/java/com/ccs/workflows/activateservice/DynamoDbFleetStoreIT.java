package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.ContractVehicle;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

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
                        .key(Map.of("contract_id", AttributeValue.fromS(contractId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        return new ContractView(
                item.get("status").s(),
                item.containsKey("activated_at")
                        ? Instant.parse(item.get("activated_at").s())
                        : null,
                item.containsKey("vehicles_registered")
                        ? Integer.valueOf(item.get("vehicles_registered").n())
                        : null);
    }

    @Override
    Map<String, ActiveVehicle> vehiclesOf(String contractId) {
        return items(contractId).stream()
                .map(item -> new ActiveVehicle(
                        item.get("plate").s(),
                        item.get("contract_id").s(),
                        item.get("customer_id").s(),
                        item.containsKey("model") ? item.get("model").s() : null,
                        Instant.parse(item.get("activated_at").s())))
                .collect(Collectors.toMap(ActiveVehicle::plate, Function.identity()));
    }

    @Override
    ActiveVehicle vehicle(String plate) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(vehicles)
                        .key(Map.of("plate", AttributeValue.fromS(plate)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty()
                ? null
                : new ActiveVehicle(
                        plate,
                        item.get("contract_id").s(),
                        item.get("customer_id").s(),
                        item.containsKey("model") ? item.get("model").s() : null,
                        Instant.parse(item.get("activated_at").s()));
    }

    @Test
    void aFailedActivationPutsBackThePlatesItHadMovedFromTheCustomersOtherContract() {
        addContract("CONT-2026-000210", CUSTOMER);
        addContract("CONT-2026-000211", CUSTOMER);
        addContract("CONT-2026-000212", "CUST-HOLDER");
        activator.activate(new ActivationRequest("CONT-2026-000210", CUSTOMER, 150, fleet("BAK", 150)));
        activator.activate(new ActivationRequest(
                "CONT-2026-000212", "CUST-HOLDER", 1, List.of(new ContractVehicle("HLD777", "Volvo FH"))));
        List<ContractVehicle> mixed = new ArrayList<>(fleet("BAK", 150));
        mixed.add(new ContractVehicle("HLD777", "Volvo FH"));
        // The holder's plate is registered between the check and the writes: the check does not see it, the second
        // transaction (plates 101 to 151) fails on it, the first (100 plates moved from 000210) is undone.
        FleetStore racing =
                new DynamoDbFleetStore(dynamo, new DynamoDbBatchGet(readingOnceWithout("HLD777")), contracts, vehicles);

        assertThatThrownBy(() -> new ServiceActivator(racing, clock)
                        .activate(new ActivationRequest("CONT-2026-000211", CUSTOMER, 151, mixed)))
                .isInstanceOf(PlateOwnedByAnotherCustomerException.class);

        assertThat(vehiclesOf("CONT-2026-000210")).hasSize(150);
        assertThat(vehiclesOf("CONT-2026-000211")).isEmpty();
        assertThat(vehicle("HLD777").contractId()).isEqualTo("CONT-2026-000212");
    }

    /** The emulator's DynamoDB, except that the first BatchGetItem does not see {@code plate}. */
    private DynamoDbClient readingOnceWithout(String plate) {
        AtomicInteger reads = new AtomicInteger();
        return (DynamoDbClient) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(dynamo, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (answer instanceof BatchGetItemResponse read && reads.getAndIncrement() == 0) {
                        Map<String, List<Map<String, AttributeValue>>> seen = new HashMap<>();
                        read.responses()
                                .forEach((table, items) -> seen.put(
                                        table,
                                        items.stream()
                                                .filter(item -> !plate.equals(
                                                        item.get("plate").s()))
                                                .toList()));
                        return read.toBuilder().responses(seen).build();
                    }
                    return answer;
                });
    }

    private List<Map<String, AttributeValue>> items(String contractId) {
        return dynamo
                .queryPaginator(b -> b.tableName(vehicles)
                        .indexName(FleetTables.BY_CONTRACT)
                        .keyConditionExpression("contract_id = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(contractId))))
                .items()
                .stream()
                .toList();
    }

    @Test
    void vehicleItemsAreActiveAndContractKeepsItsOtherAttributes() {
        addContract("CONT-2026-000200", CUSTOMER);

        activator.activate(new ActivationRequest("CONT-2026-000200", CUSTOMER, 75, fleet(2)));

        assertThat(items("CONT-2026-000200"))
                .extracting(item -> item.get("status").s())
                .containsOnly("active");
        Map<String, AttributeValue> contract = dynamo.getItem(b -> b.tableName(contracts)
                        .key(Map.of("contract_id", AttributeValue.fromS("CONT-2026-000200")))
                        .consistentRead(true))
                .item();
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

        assertThat(output)
                .isEqualTo(Map.of("service_status", "active", "vehicles_activated", 75, "vehicles_registered", 2));
        assertThat(vehiclesOf("CONT-2026-000300")).containsOnlyKeys("ABC123", "DEF456");
        assertThat(contract("CONT-2026-000300").status()).isEqualTo("active");
    }
}
