package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler end to end, as Lambda runs it, with the HTTP registry adapter talking to a real local server. */
class ValidateCustomerHandlerIT {
    private RegistryServer server;
    private ValidateCustomerHandler handler;

    @BeforeEach
    void start() throws IOException {
        server = new RegistryServer("");
        handler = handlerWithTimeout("10000");
    }

    private ValidateCustomerHandler handlerWithTimeout(String timeoutMillis) {
        CompanyRegistry registry = new HttpCompanyRegistry(RegistryConfig.fromEnvironment(
                Map.of("REGISTRY_BASE_URL", server.baseUrl().toString(), "REGISTRY_TIMEOUT_MS", timeoutMillis)));
        return new ValidateCustomerHandler(new CustomerValidationService(registry, new InMemoryPlateOwners()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> invoke(String sampleEvent) {
        return handler.handle(
                SampleEvents.load("validate-customer", sampleEvent), new TestLambdaContext("ccs-it-validate-customer"));
    }

    @Test
    void aRegisteredActiveCompanyPasses() {
        server.company("901234567", "Logistica Andina S.A.S.", "ACTIVE");

        Map<String, Object> output = invoke("valid-25-vehicles.json");

        assertThat(output)
                .containsEntry("valid", true)
                .containsEntry("score", 100)
                .containsEntry("registry_status", "active");
        assertThat(server.seen).extracting(RegistryServer.Seen::path).containsExactly("/companies/901234567");
    }

    @Test
    void anInactiveCompanyIsRejectedAsData() {
        server.company("900123456", "Transportes ABC S.A.S.", "INACTIVE");

        Map<String, Object> output = invoke("valid-75-vehicles.json");

        assertThat(output).containsEntry("valid", false).containsEntry("registry_status", "inactive");
        assertThat(output.get("reasons"))
                .isEqualTo(
                        List.of(
                                "company_info.tax_id: the company registry lists this company as INACTIVE; only ACTIVE companies can sign a contract"));
    }

    @Test
    void anUnknownCompanyIsRejectedAsData() {
        Map<String, Object> output = invoke("valid-75-vehicles.json");

        assertThat(output).containsEntry("valid", false).containsEntry("registry_status", "not_registered");
    }

    @Test
    void anInvalidRequestNeverReachesTheRegistry() {
        Map<String, Object> output = invoke("invalid-document.json");

        assertThat(output).containsEntry("valid", false);
        assertThat(server.seen).isEmpty();
    }

    @Test
    void aFailingRegistryFailsTheInvocationForTheStateMachineToRetry() {
        server.respond("900123456", 503, "");

        assertThatThrownBy(() -> invoke("valid-75-vehicles.json")).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeFailsTheInvocationToo() {
        server.hang("900123456");
        handler = handlerWithTimeout("300");

        assertThatThrownBy(() -> invoke("valid-75-vehicles.json"))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("no answer within 300 ms");
    }
}
