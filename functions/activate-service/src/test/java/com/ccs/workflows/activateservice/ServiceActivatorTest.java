package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shared scenarios on the in-memory store, plus a race only a scripted store can stage. */
class ServiceActivatorTest extends ServiceActivatorScenarios {
    private InMemoryFleetStore memory;

    @Override
    FleetStore newStore() {
        memory = new InMemoryFleetStore();
        return memory;
    }

    @Override
    void addContract(String contractId, String customerId) {
        memory.addContract(contractId, customerId);
    }

    @Override
    ContractView contract(String contractId) {
        InMemoryFleetStore.StoredContract c = memory.contract(contractId);
        return c == null ? null : new ContractView(c.status(), c.activatedAt(), c.vehiclesRegistered());
    }

    @Override
    Map<String, ActiveVehicle> vehiclesOf(String contractId) {
        return memory.vehicles().values().stream()
                .filter(v -> v.contractId().equals(contractId))
                .collect(Collectors.toMap(ActiveVehicle::plate, v -> v));
    }

    @Override
    ActiveVehicle vehicle(String plate) {
        return memory.vehicles().get(plate);
    }

    @Test
    void concurrentActivationThatWasFirstSetsTheTimeOfTheVehiclesToo() {
        Instant earlier = FIRST.minusSeconds(5);
        InMemoryFleetStore racing = new InMemoryFleetStore() {
            @Override
            public synchronized Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
                // Another invocation activated the contract between our read and our update.
                super.markActive(contractId, earlier, vehiclesRegistered);
                return super.markActive(contractId, activatedAt, vehiclesRegistered);
            }
        };
        racing.addContract("CONT-2026-000100", CUSTOMER);

        ActivationResult result = new ServiceActivator(racing, clock)
                .activate(new ActivationRequest("CONT-2026-000100", CUSTOMER, 3, fleet(3)));

        assertThat(result.activatedAt()).isEqualTo(earlier);
        assertThat(racing.vehicles().values())
                .extracting(ActiveVehicle::activatedAt)
                .containsOnly(earlier);
        assertThat(racing.vehicles()).hasSize(3);
    }

    @Test
    void vehiclesAreWrittenBeforeTheContractIsMarkedActive() {
        StringBuilder order = new StringBuilder();
        InMemoryFleetStore recording = new InMemoryFleetStore() {
            @Override
            public synchronized void registerVehicles(String customerId, List<ActiveVehicle> list, boolean release) {
                order.append("vehicles;");
                super.registerVehicles(customerId, list, release);
            }

            @Override
            public synchronized Instant markActive(String contractId, Instant activatedAt, int vehiclesRegistered) {
                order.append("contract;");
                return super.markActive(contractId, activatedAt, vehiclesRegistered);
            }
        };
        recording.addContract("CONT-2026-000101", CUSTOMER);

        new ServiceActivator(recording, clock)
                .activate(new ActivationRequest("CONT-2026-000101", CUSTOMER, 3, fleet(2)));

        assertThat(order).hasToString("vehicles;contract;");
    }
}
