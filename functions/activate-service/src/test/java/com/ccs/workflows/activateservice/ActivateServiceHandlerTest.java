package com.ccs.workflows.activateservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.Requests;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event in, output map out: the handler's mapping on the sample events, over the in-memory store. */
class ActivateServiceHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-03T08:00:00Z");

    private InMemoryFleetStore store;
    private ActivateServiceHandler handler;

    @BeforeEach
    void setUp() {
        store = new InMemoryFleetStore();
        store.addContract("CONT-2026-000042", "CUST-98765");
        store.addContract("CONT-2026-000043", "CUST-98765");
        handler = new ActivateServiceHandler(new ServiceActivator(store, new MutableClock(NOW)));
    }

    private Map<String, Object> invoke(Map<String, Object> event) {
        return handler.handle(event, new TestLambdaContext("ccs-test-activate-service"));
    }

    @Test
    void twoOfSeventyFiveActivatesTheFleetAndRegistersTwoPlates() {
        Map<String, Object> output = invoke(SampleEvents.load("activate-service", "activate-2-of-75.json"));

        assertThat(output)
                .containsExactly(
                        Map.entry("service_status", "active"),
                        Map.entry("vehicles_activated", 75),
                        Map.entry("vehicles_registered", 2));
        assertThat(store.vehicles()).containsOnlyKeys("ABC123", "DEF456");
        assertThat(store.vehicles().get("ABC123").model()).isEqualTo("Freightliner");
        assertThat(store.contract("CONT-2026-000042").status()).isEqualTo("active");
    }

    @Test
    void theActivationLogLineCarriesTheExecutionAndContractIds() {
        try (CapturedLogs logs = new CapturedLogs()) {
            invoke(SampleEvents.load("activate-service", "activate-2-of-75.json"));

            assertThat(logs.text().lines().filter(line -> line.contains("Service active for 75 vehicles")))
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("\"execution_id\":\"exec-manual-0001\"")
                            .contains("\"contract_id\":\"CONT-2026-000042\""));
        }
    }

    @Test
    void sameEventTwiceGivesTheSameOutput() {
        Map<String, Object> first = invoke(SampleEvents.load("activate-service", "activate-2-of-75.json"));
        Map<String, Object> second = invoke(SampleEvents.load("activate-service", "activate-2-of-75.json"));

        assertThat(second).isEqualTo(first);
        assertThat(store.vehicles()).hasSize(2);
    }

    @Test
    void moreVehiclesThanContractedIsInvalidInput() {
        assertThatThrownBy(() -> invoke(SampleEvents.load("activate-service", "too-many-vehicles.json")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("request.vehicles"))
                .hasMessageContaining("lists 3 vehicles but number_of_vehicles is 2");
        assertThat(store.vehicles()).isEmpty();
        assertThat(store.contract("CONT-2026-000043").status()).isEqualTo("paid");
    }

    @Test
    void platesAreNormalised() {
        Map<String, Object> event = event(List.of(plate(" abc-123 "), plate("def 456"), plate("GHI789")));

        invoke(event);

        assertThat(store.vehicles()).containsOnlyKeys("ABC123", "DEF456", "GHI789");
    }

    @Test
    void samePlateWrittenTwoWaysIsRefused() {
        Map<String, Object> event = event(List.of(plate("ABC-123"), plate("XYZ999"), plate("abc123")));

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("request.vehicles[2].plate"))
                .hasMessageContaining("duplicates vehicles[0].plate");
    }

    @Test
    void malformedPlateNamesItsPosition() {
        Map<String, Object> event = event(List.of(plate("ABC-123"), plate("12-ABC")));

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("request.vehicles[1].plate"));
        assertThat(store.vehicles()).isEmpty();
    }

    @Test
    void missingFleetSizeNamesTheField() {
        Map<String, Object> event = event(List.of());
        request(event).remove("number_of_vehicles");

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("request.number_of_vehicles"));
    }

    @Test
    void unknownContractIsContractNotFound() {
        Map<String, Object> event = event(List.of(plate("ABC123")));
        event.put("contract_id", "CONT-2026-000404");

        assertThatThrownBy(() -> invoke(event)).isInstanceOf(ContractNotFoundException.class);
        assertThat(store.vehicles()).isEmpty();
    }

    @Test
    void aPlateOfAnotherCustomerFailsTheActivationNamingThePlate() {
        store.addVehicle(new ActiveVehicle("DEF456", "CONT-2026-000007", "CUST-11111", "Volvo", NOW));

        assertThatThrownBy(() -> invoke(SampleEvents.load("activate-service", "activate-2-of-75.json")))
                .isInstanceOf(PlateOwnedByAnotherCustomerException.class)
                .hasMessage(
                        "plate DEF456 is active under another customer's contract; a plate belongs to one customer at a time");
        assertThat(store.contract("CONT-2026-000042").status()).isEqualTo("paid");
        assertThat(store.vehicles()).containsOnlyKeys("DEF456");
    }

    @Test
    void aContractIdThatIsNotOneIsRefused() {
        Map<String, Object> event = event(List.of());
        event.put("contract_id", "CONT-2026-000042; DROP TABLE");

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("contract_id"));
    }

    @Test
    void missingTableConfigurationFailsAtStartWithItsName() {
        assertThatThrownBy(() -> ActivateServiceHandler.fromEnvironment(Map.of("CONTRACTS_TABLE", "ccs-dev-contracts")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VEHICLES_TABLE");
    }

    /** The module's example request, with 10 vehicles contracted and these listed, for contract 000042. */
    private static Map<String, Object> event(List<Map<String, Object>> vehicles) {
        Map<String, Object> request = Requests.valid();
        request.put("number_of_vehicles", 10);
        request.put("vehicles", vehicles);
        Map<String, Object> event = new HashMap<>();
        event.put("contract_id", "CONT-2026-000042");
        event.put("request", request);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(Map<String, Object> event) {
        return (Map<String, Object>) event.get("request");
    }

    private static Map<String, Object> plate(String plate) {
        return Map.of("plate", plate, "model", "Kenworth T800");
    }
}
