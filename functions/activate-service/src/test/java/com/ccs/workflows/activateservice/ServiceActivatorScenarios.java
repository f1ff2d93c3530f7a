package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.ContractVehicle;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServiceActivator} guarantees, written once and run against every {@link FleetStore}: the in-memory
 * one ({@link ServiceActivatorTest}) and DynamoDB in the emulator ({@link DynamoDbFleetStoreIT}).
 */
abstract class ServiceActivatorScenarios {
    static final Instant FIRST = Instant.parse("2026-03-03T08:00:00.250Z");
    static final String CUSTOMER = "CUST-98765";

    /** A contract as the scenarios read it back. */
    record ContractView(String status, Instant activatedAt, Integer vehiclesRegistered) {}

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

    /** The stored vehicle of a plate, null when none. */
    abstract ActiveVehicle vehicle(String plate);

    @BeforeEach
    void freshActivator() {
        clock = new MutableClock(FIRST);
        store = newStore();
        activator = new ServiceActivator(store, clock);
    }

    static List<ContractVehicle> fleet(int count) {
        return fleet("TRK", count);
    }

    static List<ContractVehicle> fleet(String letters, int count) {
        List<ContractVehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vehicles.add(new ContractVehicle(
                    String.format("%s%03d", letters, i), i % 2 == 0 ? "Volvo FH" : "Kenworth T800"));
        }
        return vehicles;
    }

    @Test
    void activatesTheContractForItsFleetAndRegistersTheListedPlates() {
        addContract("CONT-2026-000042", CUSTOMER);
        List<ContractVehicle> two =
                List.of(new ContractVehicle("ABC123", "Freightliner"), new ContractVehicle("DEF456", "Volvo"));

        ActivationResult result = activator.activate(new ActivationRequest("CONT-2026-000042", CUSTOMER, 75, two));

        assertThat(result).isEqualTo(new ActivationResult("CONT-2026-000042", 75, 2, FIRST));
        assertThat(contract("CONT-2026-000042")).isEqualTo(new ContractView("active", FIRST, 2));
        assertThat(vehiclesOf("CONT-2026-000042"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "ABC123", new ActiveVehicle("ABC123", "CONT-2026-000042", CUSTOMER, "Freightliner", FIRST),
                        "DEF456", new ActiveVehicle("DEF456", "CONT-2026-000042", CUSTOMER, "Volvo", FIRST)));
    }

    @Test
    void sixtyVehiclesAreAllRegistered() {
        addContract("CONT-2026-000060", CUSTOMER);

        ActivationResult result =
                activator.activate(new ActivationRequest("CONT-2026-000060", CUSTOMER, 60, fleet(60)));

        assertThat(result.vehiclesRegistered()).isEqualTo(60);
        Map<String, ActiveVehicle> stored = vehiclesOf("CONT-2026-000060");
        assertThat(stored).hasSize(60);
        assertThat(stored.get("TRK059"))
                .isEqualTo(new ActiveVehicle("TRK059", "CONT-2026-000060", CUSTOMER, "Kenworth T800", FIRST));
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

        ActivationResult result =
                activator.activate(new ActivationRequest("CONT-2026-000080", CUSTOMER, 10, List.of()));

        assertThat(result).isEqualTo(new ActivationResult("CONT-2026-000080", 10, 0, FIRST));
        assertThat(contract("CONT-2026-000080")).isEqualTo(new ContractView("active", FIRST, 0));
        assertThat(vehiclesOf("CONT-2026-000080")).isEmpty();
    }

    @Test
    void unknownContractFailsBeforeWritingAnything() {
        ActivationRequest request = new ActivationRequest("CONT-2026-999999", CUSTOMER, 5, fleet(3));

        assertThatThrownBy(() -> activator.activate(request))
                .isInstanceOfSatisfying(
                        ContractNotFoundException.class,
                        e -> assertThat(e.contractId()).isEqualTo("CONT-2026-999999"));
        assertThat(vehiclesOf("CONT-2026-999999")).isEmpty();
        assertThat(contract("CONT-2026-999999")).isNull();
    }

    @Test
    void markingAMissingContractDoesNotCreateIt() {
        assertThatThrownBy(() -> store.markActive("CONT-2026-888888", FIRST, 1))
                .isInstanceOf(ContractNotFoundException.class);
        assertThat(contract("CONT-2026-888888")).isNull();
    }

    @Test
    void anotherCustomersContractIsRefused() {
        addContract("CONT-2026-000090", "CUST-OTHER");

        assertThatThrownBy(() -> activator.activate(new ActivationRequest("CONT-2026-000090", CUSTOMER, 5, fleet(2))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("request.customer_id"));
        assertThat(vehiclesOf("CONT-2026-000090")).isEmpty();
        assertThat(contract("CONT-2026-000090").status()).isEqualTo("paid");
    }

    @Test
    void aPlateActiveUnderAnotherCustomerFailsTheActivationWithNothingWritten() {
        addContract("CONT-2026-000100", "CUST-OTHER");
        activator.activate(new ActivationRequest(
                "CONT-2026-000100", "CUST-OTHER", 5, List.of(new ContractVehicle("TRK150", "Volvo FH"))));
        addContract("CONT-2026-000101", CUSTOMER);

        assertThatThrownBy(
                        () -> activator.activate(new ActivationRequest("CONT-2026-000101", CUSTOMER, 200, fleet(200))))
                .isInstanceOfSatisfying(
                        PlateOwnedByAnotherCustomerException.class,
                        e -> assertThat(e.plates()).containsExactly("TRK150"))
                .hasMessageContaining("TRK150 is active under another customer's contract")
                .hasMessageNotContaining("CUST-OTHER");
        assertThat(vehiclesOf("CONT-2026-000101")).isEmpty();
        assertThat(vehicle("TRK150").contractId()).isEqualTo("CONT-2026-000100");
        assertThat(contract("CONT-2026-000101").status()).isEqualTo("paid");
    }

    @Test
    void theCustomersOwnPlateMovesToItsNewContract() {
        addContract("CONT-2026-000110", CUSTOMER);
        addContract("CONT-2026-000111", CUSTOMER);
        activator.activate(new ActivationRequest("CONT-2026-000110", CUSTOMER, 5, fleet("MOV", 2)));

        activator.activate(new ActivationRequest("CONT-2026-000111", CUSTOMER, 5, fleet("MOV", 3)));

        assertThat(vehiclesOf("CONT-2026-000111")).containsOnlyKeys("MOV000", "MOV001", "MOV002");
        assertThat(vehiclesOf("CONT-2026-000110")).isEmpty();
    }

    @Test
    void twoContractsRacingForOnePlateLeaveExactlyOneOwner() throws Exception {
        addContract("CONT-2026-000120", "CUST-RACE-A");
        addContract("CONT-2026-000121", "CUST-RACE-B");
        List<ContractVehicle> shared = fleet("RCE", 30);
        List<Callable<String>> racers = List.of(
                () -> outcome(new ActivationRequest("CONT-2026-000120", "CUST-RACE-A", 30, shared)),
                () -> outcome(new ActivationRequest("CONT-2026-000121", "CUST-RACE-B", 30, shared)));

        List<String> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<String> result : pool.invokeAll(racers)) {
                outcomes.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).containsExactlyInAnyOrder("active", "plate taken");
        String winner = outcomes.get(0).equals("active") ? "CONT-2026-000120" : "CONT-2026-000121";
        String loser = winner.equals("CONT-2026-000120") ? "CONT-2026-000121" : "CONT-2026-000120";
        assertThat(vehiclesOf(winner)).hasSize(30);
        assertThat(vehiclesOf(loser)).isEmpty();
        assertThat(contract(loser).status()).isEqualTo("paid");
    }

    private String outcome(ActivationRequest request) {
        try {
            return activator.activate(request) != null ? "active" : "none";
        } catch (PlateOwnedByAnotherCustomerException e) {
            return "plate taken";
        }
    }
}
