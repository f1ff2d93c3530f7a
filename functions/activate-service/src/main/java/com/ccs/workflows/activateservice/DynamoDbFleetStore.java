package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import com.ccs.workflows.shared.aws.SdkFaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Vehicles go to the vehicles table (key {@code plate}) in transactions of up to 100 conditional puts (DynamoDB's
 * limit), each put allowed only while the plate is free, inactive or the same customer's: two contracts racing for
 * one plate leave exactly one owner. A put that moves a plate from another contract keeps that contract's item
 * under {@code previous}, which is what undoing the registration puts back. The contract is updated in the
 * contracts table with a condition that it exists, so an activation can never create a stray contract item.
 */
public final class DynamoDbFleetStore implements FleetStore {
    static final int TRANSACTION_SIZE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbFleetStore.class);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String PREVIOUS = "previous";
    private static final String MAY_TAKE =
            "attribute_not_exists(plate) OR customer_id = :customer OR #status <> :active";
    private static final String OURS = "contract_id = :contract";

    private final DynamoDbClient dynamo;
    private final DynamoDbBatchGet reader;
    private final String contractsTable;
    private final String vehiclesTable;

    public DynamoDbFleetStore(DynamoDbClient dynamo, String contractsTable, String vehiclesTable) {
        this(dynamo, new DynamoDbBatchGet(dynamo), contractsTable, vehiclesTable);
    }

    DynamoDbFleetStore(DynamoDbClient dynamo, DynamoDbBatchGet reader, String contractsTable, String vehiclesTable) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.contractsTable = Objects.requireNonNull(contractsTable, "contractsTable");
        this.vehiclesTable = Objects.requireNonNull(vehiclesTable, "vehiclesTable");
    }

    @Override
    public Optional<ContractRecord> findContract(String contractId) {
        var response = call(
                "GetItem",
                () -> dynamo.getItem(b -> b.tableName(contractsTable)
                        .key(contractKey(contractId))
                        .projectionExpression("contract_id, customer_id, activated_at")
                        .consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new ContractRecord(
                contractId,
                item.containsKey("customer_id") ? item.get("customer_id").s() : null,
                Optional.ofNullable(item.get("activated_at")).map(v -> Instant.parse(v.s()))));
    }

    @Override
    public void registerVehicles(String customerId, List<ActiveVehicle> vehicles, boolean release) {
        if (vehicles.isEmpty()) {
            return;
        }
        String contractId = vehicles.getFirst().contractId();
        Map<String, Map<String, AttributeValue>> before = current(vehicles);
        List<String> held = vehicles.stream()
                .map(ActiveVehicle::plate)
                .filter(plate -> heldByAnother(before.get(plate), customerId))
                .toList();
        try {
            if (!held.isEmpty()) {
                throw new PlateOwnedByAnotherCustomerException(held);
            }
            for (int from = 0; from < vehicles.size(); from += TRANSACTION_SIZE) {
                List<ActiveVehicle> chunk = vehicles.subList(from, Math.min(from + TRANSACTION_SIZE, vehicles.size()));
                write(customerId, chunk, before);
            }
        } catch (RuntimeException failed) {
            if (release) {
                release(contractId, vehicles);
            }
            throw failed;
        }
    }

    private void write(String customerId, List<ActiveVehicle> chunk, Map<String, Map<String, AttributeValue>> before) {
        Map<String, AttributeValue> values = Map.of(
                ":customer", AttributeValue.fromS(customerId),
                ":active", AttributeValue.fromS(ActiveVehicle.ACTIVE));
        List<TransactWriteItem> puts = chunk.stream()
                .map(vehicle -> TransactWriteItem.builder()
                        .put(p -> p.tableName(vehiclesTable)
                                .item(item(vehicle, before.get(vehicle.plate())))
                                .conditionExpression(MAY_TAKE)
                                .expressionAttributeNames(Map.of("#status", "status"))
                                .expressionAttributeValues(values))
                        .build())
                .toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(puts));
        } catch (TransactionCanceledException e) {
            List<String> codes = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream()
                            .map(CancellationReason::code)
                            .map(c -> c == null ? "None" : c)
                            .toList()
                    : List.of();
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < codes.size() && i < chunk.size(); i++) {
                if (CONDITION_FAILED.equals(codes.get(i))) {
                    taken.add(chunk.get(i).plate());
                }
            }
            if (!taken.isEmpty()) {
                throw new PlateOwnedByAnotherCustomerException(taken);
            }
            // A concurrent transaction on the same plates, or throttling: the state machine tries again.
            throw new DependencyUnavailableException(
                    "DynamoDB", "TransactWriteItems on " + vehiclesTable + " cancelled: " + codes, e);
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB TransactWriteItems", e);
        }
    }

    /** The stored items of these plates, whole, by plate. */
    private Map<String, Map<String, AttributeValue>> current(List<ActiveVehicle> vehicles) {
        List<Map<String, AttributeValue>> keys =
                vehicles.stream().map(v -> plateKey(v.plate())).toList();
        Map<String, Map<String, AttributeValue>> byPlate = new HashMap<>();
        reader.batchGetItem(vehiclesTable, keys, null, Map.of())
                .forEach(item -> byPlate.put(item.get("plate").s(), item));
        return byPlate;
    }

    private static boolean heldByAnother(Map<String, AttributeValue> item, String customerId) {
        return item != null
                && ActiveVehicle.ACTIVE.equals(text(item, "status"))
                && !customerId.equals(text(item, "customer_id"));
    }

    /**
     * Undoes what this contract registered: each plate still under it gets its earlier item back, or is deleted when
     * it had none. Conditional on the plate still being this contract's, so nothing another contract wrote since is
     * touched. Best effort: a failure here is logged, the activation's own failure is what the caller sees.
     */
    private void release(String contractId, List<ActiveVehicle> vehicles) {
        int released = 0;
        try {
            Map<String, AttributeValue> ours = Map.of(":contract", AttributeValue.fromS(contractId));
            for (Map<String, AttributeValue> item : current(vehicles).values()) {
                if (!contractId.equals(text(item, "contract_id"))) {
                    continue;
                }
                try {
                    if (item.containsKey(PREVIOUS)) {
                        dynamo.putItem(b -> b.tableName(vehiclesTable)
                                .item(item.get(PREVIOUS).m())
                                .conditionExpression(OURS)
                                .expressionAttributeValues(ours));
                    } else {
                        dynamo.deleteItem(b -> b.tableName(vehiclesTable)
                                .key(plateKey(text(item, "plate")))
                                .conditionExpression(OURS)
                                .expressionAttributeValues(ours));
                    }
                    released++;
                } catch (ConditionalCheckFailedException changedMeanwhile) {
                    // another contract holds the plate now: it is not ours to undo
                }
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Could not undo the vehicles registered for {} ({} released): {}",
                    contractId,
                    released,
                    e.toString());
            return;
        }
        LOG.warn("Activation of {} failed: {} vehicles it had registered were released", contractId, released);
    }

    @Override
    public Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
        try {
            var response = dynamo.updateItem(b -> b.tableName(contractsTable)
                    .key(contractKey(contractId))
                    .conditionExpression("attribute_exists(contract_id)")
                    .updateExpression(
                            "SET #status = :active, activated_at = if_not_exists(activated_at, :now), vehicles_registered = :registered")
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

    /**
     * The vehicle's item. Moving a plate from another contract keeps that contract's item (without its own
     * {@code previous}: one step back is what an undo needs); writing the same contract's plate again keeps the
     * {@code previous} it already had.
     */
    private static Map<String, AttributeValue> item(ActiveVehicle vehicle, Map<String, AttributeValue> before) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("plate", AttributeValue.fromS(vehicle.plate()));
        item.put("contract_id", AttributeValue.fromS(vehicle.contractId()));
        item.put("customer_id", AttributeValue.fromS(vehicle.customerId()));
        if (vehicle.model() != null) {
            item.put("model", AttributeValue.fromS(vehicle.model()));
        }
        item.put("status", AttributeValue.fromS(ActiveVehicle.ACTIVE));
        item.put("activated_at", AttributeValue.fromS(vehicle.activatedAt().toString()));
        if (before != null && vehicle.contractId().equals(text(before, "contract_id"))) {
            if (before.containsKey(PREVIOUS)) {
                item.put(PREVIOUS, before.get(PREVIOUS));
            }
        } else if (before != null) {
            Map<String, AttributeValue> earlier = new HashMap<>(before);
            earlier.remove(PREVIOUS);
            item.put(PREVIOUS, AttributeValue.fromM(earlier));
        }
        return item;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> plateKey(String plate) {
        return Map.of("plate", AttributeValue.fromS(plate));
    }

    private static Map<String, AttributeValue> contractKey(String contractId) {
        return Map.of("contract_id", AttributeValue.fromS(contractId));
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw SdkFaults.translate("DynamoDB " + operation, e);
        }
    }
}
