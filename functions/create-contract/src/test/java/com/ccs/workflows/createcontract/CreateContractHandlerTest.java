package com.ccs.workflows.createcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.MutableClock;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event in, output map out: the handler's mapping on the sample events, over the in-memory store. */
class CreateContractHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    private InMemoryContractStore store;
    private CreateContractHandler handler;

    @BeforeEach
    void setUp() {
        store = new InMemoryContractStore();
        handler = new CreateContractHandler(new ContractService(store, new MutableClock(NOW)));
    }

    private Map<String, Object> invoke(Map<String, Object> event) {
        return handler.handle(event, new TestLambdaContext("ccs-test-create-contract"));
    }

    @Test
    void automaticSampleCreatesContract() {
        Map<String, Object> output = invoke(SampleEvents.load("create-contract", "automatic.json"));

        assertThat(output)
                .containsExactly(
                        Map.entry("contract_id", "CONT-2026-000001"),
                        Map.entry("approval_type", "automatic"),
                        Map.entry("status", "created"),
                        Map.entry("created_at", "2026-03-02T15:00:00Z"));
        Contract stored = store.findByExecution("exec-20260301-0001").orElseThrow();
        assertThat(stored.request().customerId()).isEqualTo("CUST-98765");
        assertThat(stored.request().companyName()).isEqualTo("Transportes ABC S.A.S.");
        assertThat(stored.request().numberOfVehicles()).isEqualTo(25);
        assertThat(stored.request().estimatedValue()).isEqualTo(850_000L);
        assertThat(stored.request().currency()).isEqualTo("COP");
    }

    @Test
    void manualSampleRecordsTheManagersDecision() {
        Map<String, Object> output = invoke(SampleEvents.load("create-contract", "manual.json"));

        assertThat(output).containsEntry("approval_type", "manual").containsEntry("contract_id", "CONT-2026-000001");
        assertThat(store.findByExecution("exec-12345").orElseThrow().request().approval())
                .isEqualTo(new ContractApproval.Manual(
                        "maria.gomez@ccs.example.com",
                        Instant.parse("2026-03-02T14:05:00Z"),
                        "Fleet size verified with the sales team"));
    }

    @Test
    void sameEventTwiceReturnsTheSameOutput() {
        Map<String, Object> first = invoke(SampleEvents.load("create-contract", "manual.json"));
        Map<String, Object> second = invoke(SampleEvents.load("create-contract", "manual.json"));

        assertThat(second).isEqualTo(first);
        assertThat(store.contractCount()).isEqualTo(1);
    }

    @Test
    void missingCustomerIsInvalidInputNamingTheField() {
        assertThatThrownBy(() -> invoke(SampleEvents.load("create-contract", "missing-customer.json")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("request.customer_id"));
        assertThat(store.contractCount()).isZero();
    }

    @Test
    void decidedAtWithOffsetIsStoredAsTheInstantItNames() {
        Map<String, Object> event = SampleEvents.load("create-contract", "manual.json");
        approval(event).put("decided_at", "2026-03-02T09:05:00-05:00");
        invoke(event);

        assertThat(((ContractApproval.Manual) store.findByExecution("exec-12345")
                                .orElseThrow()
                                .request()
                                .approval())
                        .decidedAt())
                .isEqualTo(Instant.parse("2026-03-02T14:05:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            manual without approver       | approver   |                      | approval.approver
            manual without decided_at     | decided_at |                      | approval.decided_at
            decided_at not a date         | decided_at | yesterday            | approval.decided_at
            unknown approval type         | type       | silent               | approval.type
            """)
    void badApprovalNamesTheField(String scenario, String field, String value, String expectedPath) {
        Map<String, Object> event = SampleEvents.load("create-contract", "manual.json");
        if (value == null) {
            approval(event).remove(field);
        } else {
            approval(event).put(field, value);
        }

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(expectedPath));
        assertThat(store.contractCount()).isZero();
    }

    @Test
    void rejectedDecisionCannotBecomeAContract() {
        Map<String, Object> event = SampleEvents.load("create-contract", "manual.json");
        approval(event).put("approved", false);

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("approval.approved"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no vehicles       | request.number_of_vehicles | 0    | request.number_of_vehicles
            zero value        | request.estimated_value    | 0    | request.estimated_value
            other currency    | request.currency           | USD  | request.currency
            no execution id   | execution_id               |      | execution_id
            no company name   | request.company_info.name  |      | request.company_info.name
            """)
    void badRequestNamesTheField(String scenario, String path, String value, String expectedPath) {
        Map<String, Object> event = SampleEvents.load("create-contract", "automatic.json");
        String[] parts = path.split("\\.");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = event;
        for (int i = 0; i < parts.length - 1; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) target.get(parts[i]);
            target = next;
        }
        String last = parts[parts.length - 1];
        if (value == null) {
            target.remove(last);
        } else if (value.matches("-?\\d+")) {
            target.put(last, Integer.parseInt(value));
        } else {
            target.put(last, value);
        }

        assertThatThrownBy(() -> invoke(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(expectedPath));
    }

    @Test
    void missingTableConfigurationFailsAtStartWithItsName() {
        assertThatThrownBy(() -> CreateContractHandler.fromEnvironment(new HashMap<>()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONTRACTS_TABLE");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> approval(Map<String, Object> event) {
        return (Map<String, Object>) event.get("approval");
    }
}
