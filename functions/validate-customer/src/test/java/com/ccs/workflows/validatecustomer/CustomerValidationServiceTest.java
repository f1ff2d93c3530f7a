package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.ContractRequestReader;
import com.ccs.workflows.contract.Reason;
import com.ccs.workflows.contract.Requests;
import com.ccs.workflows.errors.DependencyUnavailableException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CustomerValidationServiceTest {
    private final InMemoryCompanyRegistry registry = new InMemoryCompanyRegistry();
    private final InMemoryPlateOwners plateOwners = new InMemoryPlateOwners();
    private final CustomerValidationService service = new CustomerValidationService(registry, plateOwners);

    private ValidationResult validate(Map<String, Object> event) {
        return service.validate(ContractRequestReader.read(event));
    }

    @Test
    void anActiveCompanyWithAValidRequestIsValid() {
        registry.register("900123456", "TRANSPORTES ABC SAS", RegistryStatus.ACTIVE);

        ValidationResult result = validate(Requests.valid());

        assertThat(result.valid()).isTrue();
        assertThat(result.score()).isEqualTo(100);
        assertThat(result.reasons()).isEmpty();
        assertThat(result.registryStatus()).isEqualTo(RegistryStatus.ACTIVE);
        assertThat(result.normalisedPlates()).containsExactly("ABC123", "DEF456");
        assertThat(registry.asked).containsExactly("900123456");
    }

    @ParameterizedTest
    @EnumSource(
            value = RegistryStatus.class,
            names = {"INACTIVE", "SUSPENDED"})
    void aCompanyThatIsNotActiveMakesTheRequestInvalid(RegistryStatus status) {
        registry.register("900123456", "Transportes ABC S.A.S.", status);

        ValidationResult result = validate(Requests.valid());

        assertThat(result.valid()).isFalse();
        assertThat(result.registryStatus()).isEqualTo(status);
        assertThat(result.reasons())
                .extracting(Reason::toString)
                .containsExactly("company_info.tax_id: the company registry lists this company as " + status.name()
                        + "; only ACTIVE companies can sign a contract");
        assertThat(result.score()).isEqualTo(40);
    }

    @Test
    void aCompanyUnknownToTheRegistryMakesTheRequestInvalid() {
        ValidationResult result = validate(Requests.valid());

        assertThat(result.valid()).isFalse();
        assertThat(result.registryStatus()).isEqualTo(RegistryStatus.NOT_REGISTERED);
        assertThat(result.reasons()).extracting(Reason::field).containsExactly("company_info.tax_id");
    }

    @Test
    void anInvalidRequestIsNotSentToTheRegistry() {
        registry.register("900123456", "Transportes ABC S.A.S.", RegistryStatus.ACTIVE);

        ValidationResult result = validate(Requests.with("contract_type", "gold"));

        assertThat(result.valid()).isFalse();
        assertThat(result.registryStatus()).isEqualTo(RegistryStatus.NOT_CHECKED);
        assertThat(registry.asked).isEmpty();
    }

    @Test
    void theModulesExampleAsWrittenIsRejectedWithoutAskingTheRegistry() {
        Map<String, Object> example = Requests.with("document_id", "900123456-7");
        Requests.with(example, "company_info.tax_id", "900123456-7");

        ValidationResult result = validate(example);

        assertThat(result.valid()).isFalse();
        assertThat(result.reasons())
                .extracting(Reason::toString)
                .contains("document_id: NIT check digit 7 does not match the DIAN check digit 8");
        assertThat(registry.asked).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" vs registry \"{1}\" -> warning {2}")
    @CsvSource({
        "Transportes ABC S.A.S., TRANSPORTES ABC SAS, false",
        "Compañía Andina Ltda., COMPANIA ANDINA LTDA, false",
        "Transportes ABC S.A.S., Transportes XYZ S.A.S., true"
    })
    void aDifferentRegisteredNameIsOnlyAWarning(String given, String registered, boolean warned) {
        registry.register("900123456", registered, RegistryStatus.ACTIVE);

        ValidationResult result = validate(Requests.with("company_info.name", given));

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings())
                .extracting(Reason::field)
                .isEqualTo(warned ? java.util.List.of("company_info.name") : java.util.List.of());
        assertThat(result.score()).isEqualTo(warned ? 95 : 100);
    }

    @Test
    void platesAreCheckedOnlyForARequestWithoutFieldProblemsAndOwnPlatesMayMove() {
        registry.register("900123456", "Transportes ABC S.A.S.", RegistryStatus.ACTIVE);
        plateOwners.holds("ABC123", "CUST-98765", "CONT-2026-000001");

        assertThat(validate(Requests.with("estimated_value", 0)).valid()).isFalse();
        assertThat(plateOwners.asked).isEmpty();

        ValidationResult result = validate(Requests.valid());
        assertThat(result.valid()).isTrue();
        assertThat(plateOwners.asked).containsExactly(List.of("ABC123", "DEF456"));
    }

    @Test
    void aRequestWithoutVehiclesDoesNotAskForPlates() {
        registry.register("900123456", "Transportes ABC S.A.S.", RegistryStatus.ACTIVE);

        assertThat(validate(Requests.with("vehicles", Requests.ABSENT)).valid()).isTrue();
        assertThat(plateOwners.asked).isEmpty();
    }

    @Test
    void anUnknownCompanyAndAPlateOfAnotherCustomerAreBothReported() {
        plateOwners.holds("ABC123", "CUST-11111", "CONT-2026-000002");

        ValidationResult result = validate(Requests.valid());

        assertThat(result.reasons())
                .extracting(Reason::field)
                .containsExactly("company_info.tax_id", "vehicles[0].plate");
    }

    @Test
    void anUnreachableRegistryIsAnErrorForTheStateMachineToRetry() {
        registry.failWith("900123456", new DependencyUnavailableException("company-registry", "HTTP 503", null));

        assertThatThrownBy(() -> validate(Requests.valid()))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("company-registry");
    }
}
