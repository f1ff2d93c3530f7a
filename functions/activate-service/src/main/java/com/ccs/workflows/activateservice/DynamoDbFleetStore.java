package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.SdkFaults;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Vehicles go to the vehicles table (key {@code plate}) with BatchWriteItem, 25 items per call (DynamoDB's
 * limit); items DynamoDB leaves unprocessed (throttling, partition limits) are sent again with bounded
 * exponential backoff. The contract is updated in the contracts table with a condition that it exists, so an
 * activation can never create a stray contract item.
 */
public final class DynamoDbFleetStore implements FleetStore {
    static final int BATCH_SIZE = 25;

    private final DynamoDbClient dynamo;
    private final String contractsTable;
    private final String vehiclesTable;
    private final Backoff backoff;
    private final Sleeper sleeper;

    public DynamoDbFleetStore(DynamoDbClient dynamo, String contractsTable, String vehiclesTable) {
        this(dynamo, contractsTable, vehiclesTable, Backoff.DEFAULT, Sleeper.THREAD);
    }

    DynamoDbFleetStore(DynamoDbClient dynamo, String contractsTable, String vehiclesTable, Backoff backoff, Sleeper sleeper) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.contractsTable = Objects.requireNonNull(contractsTable, "contractsTable");
        this.vehiclesTable = Objects.requireNonNull(vehiclesTable, "vehiclesTable");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public Optional<ContractRecord> findContract(String contractId) {
        var response = call("GetItem", () -> dynamo.getItem(b -> b
                .tableName(contractsTable)
                .key(contractKey(contractId))
                .projectionExpression("contract_id, customer_id, activated_at")
                .consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new ContractRecord(contractId,
                item.containsKey("customer_id") ? item.get("customer_id").s() : null,
                Optional.ofNullable(item.get("activated_at")).map(v -> Instant.parse(v.s()))));
    }

    @Override
    public void registerVehicles(List<ActiveVehicle> vehicles) {
        for (int from = 0; from < vehicles.size(); from += BATCH_SIZE) {
            List<WriteRequest> chunk = vehicles.subList(from, Math.min(from + BATCH_SIZE, vehicles.size())).stream()
                    .map(v -> WriteRequest.builder().putRequest(p -> p.item(item(v))).build())
                    .toList();
            writeFully(chunk);
        }
    }

    private void writeFully(List<WriteRequest> chunk) {
        List<WriteRequest> pending = chunk;
        for (int attempt = 1; ; attempt++) {
            List<WriteRequest> sending = pending;
            var response = call("BatchWriteItem", () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(vehiclesTable, sending))));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(vehiclesTable, List.of()) : List.of();
            if (pending.isEmpty()) {
                return;
            }
            if (attempt == backoff.maxAttempts()) {
                throw new DependencyUnavailableException("DynamoDB", pending.size() + " of " + chunk.size()
                        + " vehicle items still unprocessed after " + attempt + " BatchWriteItem calls to " + vehiclesTable, null);
            }
            pause(backoff.delay(attempt, ThreadLocalRandom.current()));
        }
    }

    @Override
    public Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
        try {
            var response = dynamo.updateItem(b -> b
                    .tableName(contractsTable)
                    .key(contractKey(contractId))
                    .conditionExpression("attribute_exists(contract_id)")
                    .updateExpression("SET #status = :active, activated_at = if_not_exists(activated_at, :now), vehicles_registered = :registered")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":active", AttributeValue.fromS(ActiveVehicle.ACTIVE),
                            ":now", AttributeValue.fromS(activatedAt.toString()),
                            ":registered", AttributeValue.fromN(Integer.toString(vehiclesRegistered))))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return Instant.parse(response.attributes().get("activated_at").s());
        } catch (ConditionalCheckFailedException e) {
            throw new ContractNotFoundException(contractId);
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB UpdateItem", e);
        }
    }

    private Map<String, AttributeValue> item(ActiveVehicle vehicle) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("plate", AttributeValue.fromS(vehicle.plate()));
        item.put("contract_id", AttributeValue.fromS(vehicle.contractId()));
        item.put("customer_id", AttributeValue.fromS(vehicle.customerId()));
        if (vehicle.model() != null) {
            item.put("model", AttributeValue.fromS(vehicle.model()));
        }
        item.put("status", AttributeValue.fromS(ActiveVehicle.ACTIVE));
        item.put("activated_at", AttributeValue.fromS(vehicle.activatedAt().toString()));
        return item;
    }

    private static Map<String, AttributeValue> contractKey(String contractId) {
        return Map.of("contract_id", AttributeValue.fromS(contractId));
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("DynamoDB", "interrupted while waiting to retry unprocessed vehicle items", e);
        }
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB " + operation, e);
        }
    }
}
