package com.ccs.workflows.validatecustomer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.contract.Nit;
import com.ccs.workflows.errors.DependencyUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HttpCompanyRegistry} against a real HTTP server on this machine. Answers are awaited generously (a shared
 * build machine can be slow to serve the first request); only the timeout case uses a short limit, against a
 * server that holds its answer until the test ends.
 */
class HttpCompanyRegistryIT {
    private static final Nit NIT = new Nit("900123456", 8);
    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(300);

    private RegistryServer server;
    private HttpCompanyRegistry registry;

    @BeforeEach
    void start() throws IOException {
        server = new RegistryServer("/registry/v1");
        registry = new HttpCompanyRegistry(new RegistryConfig(server.baseUrl(), GENEROUS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anActiveCompany() {
        server.company("900123456", "Transportes ABC S.A.S.", "ACTIVE");

        RegistryLookup lookup = registry.lookup(NIT);

        assertThat(lookup)
                .isEqualTo(new RegistryLookup.Registered("900123456", "Transportes ABC S.A.S.", RegistryStatus.ACTIVE));
        assertThat(server.seen)
                .containsExactly(
                        new RegistryServer.Seen("GET", "/registry/v1/companies/900123456", "application/json"));
    }

    @ParameterizedTest
    @CsvSource({"INACTIVE, INACTIVE", "SUSPENDED, SUSPENDED", "active, ACTIVE"})
    void theStatusTheRegistryGives(String answered, RegistryStatus status) {
        server.company("900123456", "Transportes ABC S.A.S.", answered);

        assertThat(registry.lookup(NIT))
                .isEqualTo(new RegistryLookup.Registered("900123456", "Transportes ABC S.A.S.", status));
    }

    @Test
    void toleratesACheckDigitInTheAnsweredNitAndAMissingName() {
        server.respond("900123456", 200, "{\"nit\":\"900.123.456-8\",\"status\":\"ACTIVE\",\"since\":\"2015-03-01\"}");

        assertThat(registry.lookup(NIT))
                .isEqualTo(new RegistryLookup.Registered("900123456", "", RegistryStatus.ACTIVE));
    }

    @Test
    void notFoundMeansNotRegistered() {
        assertThat(registry.lookup(NIT)).isEqualTo(new RegistryLookup.NotRegistered("900123456"));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429, 408})
    void serverErrorsAndThrottlingAreTransient(int status) {
        server.respond("900123456", status, "{\"error\":\"try later\"}");

        assertThatThrownBy(() -> registry.lookup(NIT))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("company-registry unavailable: GET /companies/{nit} answered HTTP " + status)
                .hasMessageNotContaining("900123456");
    }

    @Test
    void aSlowRegistryTimesOutAsTransient() {
        server.hang("900123456");
        HttpCompanyRegistry impatient = new HttpCompanyRegistry(new RegistryConfig(server.baseUrl(), SHORT));

        assertThatThrownBy(() -> impatient.lookup(NIT))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("company-registry unavailable: no answer within 300 ms");
    }

    @Test
    void aRefusedConnectionIsTransient() {
        URI base = server.baseUrl();
        server.close();

        HttpCompanyRegistry closed = new HttpCompanyRegistry(new RegistryConfig(base, GENEROUS));

        assertThatThrownBy(() -> closed.lookup(NIT))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("company-registry unavailable: request failed");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 301})
    void otherStatusesAreOutsideTheContract(int status) {
        server.respond("900123456", status, "");

        assertThatThrownBy(() -> registry.lookup(NIT))
                .isInstanceOf(RegistryResponseException.class)
                .hasMessageContaining("unexpected HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html>OK</html>",
                "{\"nit\":\"900123456\"}",
                "{\"nit\":\"900123456\",\"status\":\"CLOSED\"}",
                "{\"nit\":\"800197268\",\"status\":\"ACTIVE\"}",
                "{\"nit\":900123456,\"status\":\"ACTIVE\"}",
                "{\"nit\":\"900123456\",\"status\":\"ACTIVE\",\"name\":42}"
            })
    void aBodyOutsideTheContractIsNotRetried(String body) {
        server.respond("900123456", 200, body);

        assertThatThrownBy(() -> registry.lookup(NIT)).isInstanceOf(RegistryResponseException.class);
    }
}
