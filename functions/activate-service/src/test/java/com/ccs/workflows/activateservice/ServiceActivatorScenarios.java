package com.ccs.workflows.activateservice;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link ServiceActivator} guarantees, written once and run against every {@link FleetStore}: the in-memory
 * one ({@link ServiceActivatorTest}) and DynamoDB in the emulator ({@link DynamoDbFleetStoreIT}).
 */
abstract class ServiceActivatorScenarios {
    static final Instant FIRST = Instant.parse("2026-03-03T08:00:00.250Z");
    static final String CUSTOMER = "CUST-98765";

    /** A contract as the scenarios read it back. */
    record ContractView(String status, Instant activatedAt, Integer vehiclesRegistered) {
    }

    MutableClock clock;
    FleetStore store;
    ServiceActivator activator;

    /** A new store over empty tables. */
    abstract FleetStore newStore();

    /** Stores a paid contract of {@code customerId}. */
    abstract void addContract(String contractId, String customerId);

    /** The contract as stored, null when absent. */
    abstract ContractView contract(String contractId);

    /** The stored vehicles of a contract by plate. */
    abstract Map<String, ActiveVehicle> vehiclesOf(String contractId);

    @BeforeEach
    void freshActivator() {
        clock = new MutableClock(FIRST);
        store = newStore();
        activator = new ServiceActivator(store, clock);
    }

    static List<Vehicle> fleet(int count) {
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vehicles.add(new Vehicle(String.format("TRK%03d", i), i % 2 == 0 ? "Volvo FH" : null));
        }
        return vehicles;
    }

    @Test
    void activatesTheContractForItsFleetAndRegistersTheListedPlates() {
        addContract("CONT-2026-000042", CUSTOMER);
        List<Vehicle> two = List.of(new Vehicle("ABC123", "Freightliner"), new Vehicle("DEF456", "Volvo"));

        ActivationResult result = activator.activate(new ActivationRequest("CONT-2026-000042", CUSTOMER, 75, two));

        assertThat(result).isEqualTo(new ActivationResult("CONT-2026-000042", 75, 2, FIRST));
        assertThat(contract("CONT-2026-000042")).isEqualTo(new ContractView("active", FIRST, 2));
        assertThat(vehiclesOf("CONT-2026-000042")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ABC123", new ActiveVehicle("ABC123", "CONT-2026-000042", CUSTOMER, "Freightliner", FIRST),
                "DEF456", new ActiveVehicle("DEF456", "CONT-2026-000042", CUSTOMER, "Volvo", FIRST)));
    }

    @Test
    void sixtyVehiclesAreAllRegistered() {
        addContract("CONT-2026-000060", CUSTOMER);

        ActivationResult result = activator.activate(new ActivationRequest("CONT-2026-000060", CUSTOMER, 60, fleet(60)));

        assertThat(result.vehiclesRegistered()).isEqualTo(60);
        Map<String, ActiveVehicle> stored = vehiclesOf("CONT-2026-000060");
        assertThat(stored).hasSize(60);
        assertThat(stored.get("TRK059")).isEqualTo(new ActiveVehicle("TRK059", "CONT-2026-000060", CUSTOMER, null, FIRST));
        assertThat(stored.get("TRK000").model()).isEqualTo("Volvo FH");
        assertThat(contract("CONT-2026-000060").vehiclesRegistered()).isEqualTo(60);
    }

    @Test
    void secondActivationChangesNothingAndKeepsTheFirstTime() {
        addContract("CONT-2026-000070", CUSTOMER);
        ActivationRequest request = new ActivationRequest("CONT-2026-000070", CUSTOMER, 40, fleet(30));
        ActivationResult first = activator.activate(request);
        Map<String, ActiveVehicle> afterFirst = vehiclesOf("CONT-2026-000070");

        clock.set(FIRST.plusSeconds(3_600));
        ActivationResult second = activator.activate(request);

        assertThat(second).isEqualTo(first);
        assertThat(vehiclesOf("CONT-2026-000070")).isEqualTo(afterFirst);
        assertThat(contract("CONT-2026-000070")).isEqualTo(new ContractView("active", FIRST, 30));
    }

    @Test
    void contractWithoutKnownPlatesIsActivatedWithNoneRegistered() {
        addContract("CONT-2026-000080", CUSTOMER);

        ActivationResult result = activator.activate(new ActivationRequest("CONT-2026-000080", CUSTOMER, 10, List.of()));

        assertThat(result).isEqualTo(new ActivationResult("CONT-2026-000080", 10, 0, FIRST));
        assertThat(contract("CONT-2026-000080")).isEqualTo(new ContractView("active", FIRST, 0));
        assertThat(vehiclesOf("CONT-2026-000080")).isEmpty();
    }

    @Test
    void unknownContractFailsBeforeWritingAnything() {
        ActivationRequest request = new ActivationRequest("CONT-2026-999999", CUSTOMER, 5, fleet(3));

        assertThatThrownBy(() -> activator.activate(request))
                .isInstanceOfSatisfying(ContractNotFoundException.class, e -> assertThat(e.contractId()).isEqualTo("CONT-2026-999999"));
        assertThat(vehiclesOf("CONT-2026-999999")).isEmpty();
        assertThat(contract("CONT-2026-999999")).isNull();
    }

    @Test
    void markingAMissingContractDoesNotCreateIt() {
        assertThatThrownBy(() -> store.markActive("CONT-2026-888888", FIRST, 1)).isInstanceOf(ContractNotFoundException.class);
        assertThat(contract("CONT-2026-888888")).isNull();
    }

    @Test
    void anotherCustomersContractIsRefused() {
        addContract("CONT-2026-000090", "CUST-OTHER");

        assertThatThrownBy(() -> activator.activate(new ActivationRequest("CONT-2026-000090", CUSTOMER, 5, fleet(2))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("customer_id"));
        assertThat(vehiclesOf("CONT-2026-000090")).isEmpty();
        assertThat(contract("CONT-2026-000090").status()).isEqualTo("paid");
    }
}
