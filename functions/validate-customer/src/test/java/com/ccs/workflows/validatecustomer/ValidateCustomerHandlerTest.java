package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.Plates;
import com.ccs.workflows.contract.Requests;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateCustomerHandlerTest {
    private final InMemoryCompanyRegistry registry = new InMemoryCompanyRegistry()
            .register("901234567", "LOGISTICA ANDINA SAS", RegistryStatus.ACTIVE)
            .register("900123456", "TRANSPORTES ABC SAS", RegistryStatus.ACTIVE)
            .register("830045678", "CARGA PESADA DEL CARIBE LTDA", RegistryStatus.ACTIVE);
    private final InMemoryPlateOwners plateOwners = new InMemoryPlateOwners();
    private final ValidateCustomerHandler handler =
            new ValidateCustomerHandler(new CustomerValidationService(registry, plateOwners));

    private Map<String, Object> invoke(Map<String, Object> event) {
        return handler.handle(event, new TestLambdaContext("ccs-test-validate-customer"));
    }

    @Test
    void validWith25Vehicles() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "valid-25-vehicles.json"));

        assertThat(output)
                .containsExactly(
                        Map.entry("valid", true),
                        Map.entry("score", 100),
                        Map.entry("reasons", List.of()),
                        Map.entry("warnings", List.of()),
                        Map.entry("normalized_plates", List.of("JKL321", "MNO654", "PQR987")),
                        Map.entry("registry_status", "active"));
        assertThat(registry.asked).containsExactly("901234567");
    }

    @Test
    void validWith75VehiclesIsTheModulesExampleWithTheRightCheckDigit() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "valid-75-vehicles.json"));

        assertThat(output.get("valid")).isEqualTo(true);
        assertThat(output.get("score")).isEqualTo(100);
        assertThat(output.get("reasons")).isEqualTo(List.of());
        assertThat(output.get("warnings")).isEqualTo(List.of());
        assertThat(output.get("normalized_plates")).isEqualTo(List.of("ABC123", "DEF456"));
        assertThat(output.get("registry_status")).isEqualTo("active");
    }

    @Test
    void invalidDocumentIsTheModulesExampleNitRejectedForItsCheckDigit() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "invalid-document.json"));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of(
                        "document_id: NIT check digit 7 does not match the DIAN check digit 8",
                        "company_info.tax_id: NIT check digit 7 does not match the DIAN check digit 8"));
        assertThat(output.get("score")).isEqualTo(30);
        assertThat(output.get("registry_status")).isEqualTo("not_checked");
        assertThat(registry.asked).isEmpty();
    }

    @Test
    void invalidPlatesNamesEachBadPlate() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "invalid-plates.json"));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of(
                        "vehicles[1].plate: duplicates vehicles[0].plate (GHT204 after normalisation)",
                        "vehicles[2].plate: must be " + Plates.FORMATS + ", got \"AB-1234\"",
                        "vehicles[3].plate: must be " + Plates.FORMATS + ", got \"XYZ7A8\""));
        assertThat(output.get("normalized_plates")).isEqualTo(List.of("GHT204"));
    }

    @Test
    void anAmountBeyondWhatOneContractCollectsIsRefusedWithTheRange() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "amount-out-of-range.json"));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of(
                        "estimated_value: must be whole COP pesos from 10,000 to 2,000,000,000, got 2,500,000,000"));
        assertThat(registry.asked).isEmpty();
        assertThat(plateOwners.asked).isEmpty();
    }

    @Test
    void aPlateActiveUnderAnotherCustomerIsRefusedNamingThePlateAndNotTheOtherCustomer() {
        plateOwners.holds("DEF456", "CUST-11111", "CONT-2026-000007").holds("ABC123", "CUST-98765", "CONT-2026-000003");

        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "valid-75-vehicles.json"));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of("vehicles[1].plate: DEF456 is active under another"
                        + " customer's contract; a plate belongs to one customer at a time"));
        assertThat(output.toString()).doesNotContain("CUST-11111", "CONT-2026-000007");
        assertThat(plateOwners.asked).containsExactly(List.of("ABC123", "DEF456"));
    }

    @Test
    void pseIsRefusedAsAPaymentMethodThisWorkflowCannotCollect() {
        Map<String, Object> output = invoke(SampleEvents.load("validate-customer", "unsupported-payment-method.json"));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of("payment_method: pse is not supported: the payment step"
                        + " charges a saved card through Stripe; use credit_card or debit_card"));
    }

    @Test
    void aRequestWithoutTheExecutionIdItsExecutionIsNamedAfterIsRefusedBeforeAnyLookup() {
        Map<String, Object> output = invoke(Requests.with("execution_id", Requests.ABSENT));

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of("execution_id: is required: it names the execution, so that a resubmitted"
                        + " request starts nothing new"));
        assertThat(registry.asked).isEmpty();
        assertThat(plateOwners.asked).isEmpty();
    }

    @Test
    void wrongTypesAreReasonsNotErrors() {
        Map<String, Object> event = Requests.with("number_of_vehicles", "75");
        Requests.with(event, "company_info", List.of("Transportes ABC"));
        Requests.with(event, "vehicles", Map.of("plate", "ABC123"));

        Map<String, Object> output = invoke(event);

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("reasons"))
                .isEqualTo(List.of(
                        "company_info: must be an object, got an array",
                        "number_of_vehicles: must be an integer, got a string \"75\"",
                        "vehicles: must be an array, got an object"));
    }

    @Test
    void anEmptyObjectListsEveryRequiredField() {
        Map<String, Object> output = invoke(new java.util.HashMap<>());

        assertThat(output.get("valid")).isEqualTo(false);
        assertThat(output.get("score")).isEqualTo(0);
        assertThat((List<?>) output.get("reasons"))
                .map(String.class::cast)
                .map(r -> r.substring(0, r.indexOf(':')))
                .containsExactly(
                        "execution_id",
                        "customer_id",
                        "document_type",
                        "document_id",
                        "company_info",
                        "number_of_vehicles",
                        "contract_type",
                        "estimated_value",
                        "payment_method");
    }

    @Test
    void anEventThatIsNotAnObjectIsInvalidInput() {
        assertThatThrownBy(() -> invoke(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the event must be a JSON object");
    }
}
