package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.shared.aws.DynamoDbBatchGet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link PlateOwners} on the vehicles table (key {@code plate}), read strongly consistent in batches. */
public final class DynamoDbPlateOwners implements PlateOwners {
    static final String ACTIVE = "active";

    private final DynamoDbBatchGet reader;
    private final String vehiclesTable;

    public DynamoDbPlateOwners(DynamoDbBatchGet reader, String vehiclesTable) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.vehiclesTable = Objects.requireNonNull(vehiclesTable, "vehiclesTable");
    }

    @Override
    public Map<String, ActivePlate> activeHolders(Collection<String> plates) {
        List<Map<String, AttributeValue>> keys = plates.stream()
                .map(plate -> Map.of("plate", AttributeValue.fromS(plate)))
                .toList();
        Map<String, ActivePlate> active = new HashMap<>();
        for (Map<String, AttributeValue> item : reader.batchGetItem(
                vehiclesTable, keys, "plate, customer_id, contract_id, #status", Map.of("#status", "status"))) {
            if (ACTIVE.equals(text(item, "status"))) {
                String plate = text(item, "plate");
                active.put(plate, new ActivePlate(plate, text(item, "customer_id"), text(item, "contract_id")));
            }
        }
        return active;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
