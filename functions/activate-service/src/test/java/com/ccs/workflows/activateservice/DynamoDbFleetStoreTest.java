package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.DependencyUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch and retry logic of {@link DynamoDbFleetStore} over a scripted DynamoDB client (no network, no sleeping). */
class DynamoDbFleetStoreTest {
    private static final String VEHICLES = "ccs-test-vehicles";
    private static final Backoff BACKOFF = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(400));
    private static final Instant NOW = Instant.parse("2026-03-03T08:00:00Z");

    private final List<Duration> waits = new ArrayList<>();

    /** Accepts all but the last {@code withheld} items of each of the first {@code stingyCalls} batch calls. */
    private static final class ThrottlingDynamo implements DynamoDbClient {
        final List<Integer> batchSizes = new ArrayList<>();
        final Set<String> stored = new HashSet<>();
        final int stingyCalls;
        final int withheld;
        RuntimeException updateFailure;

        ThrottlingDynamo(int stingyCalls, int withheld) {
            this.stingyCalls = stingyCalls;
            this.withheld = withheld;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(Consumer<BatchWriteItemRequest.Builder> request) {
            BatchWriteItemRequest built = BatchWriteItemRequest.builder().applyMutation(request).build();
            List<WriteRequest> writes = built.requestItems().get(VEHICLES);
            batchSizes.add(writes.size());
            int keep = batchSizes.size() <= stingyCalls ? Math.min(withheld, writes.size()) : 0;
            List<WriteRequest> accepted = writes.subList(0, writes.size() - keep);
            accepted.forEach(w -> stored.add(w.putRequest().item().get("plate").s()));
            List<WriteRequest> unprocessed = writes.subList(writes.size() - keep, writes.size());
            return BatchWriteItemResponse.builder()
                    .unprocessedItems(unprocessed.isEmpty() ? Map.of() : Map.of(VEHICLES, unprocessed))
                    .build();
        }

        @Override
        public UpdateItemResponse updateItem(Consumer<UpdateItemRequest.Builder> request) {
            throw updateFailure;
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private DynamoDbFleetStore store(DynamoDbClient dynamo) {
        return new DynamoDbFleetStore(dynamo, "ccs-test-contracts", VEHICLES, BACKOFF, waits::add);
    }

    private static List<ActiveVehicle> vehicles(int count) {
        return ServiceActivatorScenarios.fleet(count).stream()
                .map(v -> new ActiveVehicle(v.plate(), "CONT-2026-000001", "CUST-1", v.model(), NOW))
                .toList();
    }

    @Test
    void writesInChunksOfTwentyFive() {
        ThrottlingDynamo dynamo = new ThrottlingDynamo(0, 0);

        store(dynamo).registerVehicles(vehicles(60));

        assertThat(dynamo.batchSizes).containsExactly(25, 25, 10);
        assertThat(dynamo.stored).hasSize(60);
        assertThat(waits).isEmpty();
    }

    @Test
    void unprocessedItemsAreSentAgainUntilStored() {
        // The first three calls each leave 10 items unprocessed.
        ThrottlingDynamo dynamo = new ThrottlingDynamo(3, 10);

        store(dynamo).registerVehicles(vehicles(25));

        assertThat(dynamo.batchSizes).containsExactly(25, 10, 10, 10);
        assertThat(dynamo.stored).hasSize(25);
        assertThat(waits).hasSize(3);
    }

    @Test
    void waitsGrowExponentiallyWithinTheCap() {
        ThrottlingDynamo dynamo = new ThrottlingDynamo(4, 1);

        store(dynamo).registerVehicles(vehicles(3));

        assertThat(waits).hasSize(4);
        // Steps 100, 200, 400, 400 ms (capped); each wait is between half the step and the step.
        long[] steps = {100, 200, 400, 400};
        for (int i = 0; i < steps.length; i++) {
            assertThat(waits.get(i).toMillis()).isBetween(steps[i] / 2, steps[i]);
        }
    }

    @Test
    void itemsThatNeverDrainEndAsDependencyUnavailable() {
        ThrottlingDynamo dynamo = new ThrottlingDynamo(Integer.MAX_VALUE, 2);

        assertThatThrownBy(() -> store(dynamo).registerVehicles(vehicles(5)))
                .isInstanceOfSatisfying(DependencyUnavailableException.class, e -> assertThat(e.dependency()).isEqualTo("DynamoDB"))
                .hasMessageContaining("2 of 5 vehicle items still unprocessed after 5 BatchWriteItem calls");
        assertThat(dynamo.batchSizes).hasSize(BACKOFF.maxAttempts());
        assertThat(waits).hasSize(BACKOFF.maxAttempts() - 1);
    }

    @Test
    void failedExistenceConditionIsContractNotFound() {
        ThrottlingDynamo dynamo = new ThrottlingDynamo(0, 0);
        dynamo.updateFailure = ConditionalCheckFailedException.builder().message("The conditional request failed").statusCode(400).build();

        assertThatThrownBy(() -> store(dynamo).markActive("CONT-2026-000404", NOW, 2))
                .isInstanceOfSatisfying(ContractNotFoundException.class, e -> assertThat(e.contractId()).isEqualTo("CONT-2026-000404"));
    }

    @Test
    void throttledUpdateIsDependencyUnavailable() {
        ThrottlingDynamo dynamo = new ThrottlingDynamo(0, 0);
        dynamo.updateFailure = ProvisionedThroughputExceededException.builder().message("throttled").statusCode(400).build();

        assertThatThrownBy(() -> store(dynamo).markActive("CONT-2026-000001", NOW, 2))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("UpdateItem");
    }
}
