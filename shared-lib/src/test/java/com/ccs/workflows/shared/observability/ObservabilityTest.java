package com.ccs.workflows.shared.observability;

import com.ccs.workflows.testing.TestLambdaContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservabilityTest {

    @Test
    void correlationIdsAreLogFieldsDuringTheInvocationOnly() {
        Map<String, String> seen = new HashMap<>();
        String result = Observability.handle(new TestLambdaContext("create-contract"), "CreateContract",
                Map.of(Observability.EXECUTION_ID, "exec-1"), () -> {
                    Observability.correlate(Observability.CONTRACT_ID, "CONT-2026-000001");
                    seen.put("execution", MDC.get(Observability.EXECUTION_ID));
                    seen.put("contract", MDC.get(Observability.CONTRACT_ID));
                    seen.put("function", MDC.get("function_name"));
                    Observability.count("ContractCreated");
                    return "ok";
                });

        assertThat(result).isEqualTo("ok");
        assertThat(seen).containsEntry("execution", "exec-1")
                .containsEntry("contract", "CONT-2026-000001")
                .containsEntry("function", "create-contract");
        assertThat(MDC.get(Observability.EXECUTION_ID)).isNull();
        assertThat(MDC.get(Observability.CONTRACT_ID)).isNull();
        assertThat(MDC.getCopyOfContextMap()).as("the Lambda context fields too").isNullOrEmpty();
    }

    @Test
    void failuresPropagateUnchangedAndStillClearTheContext() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Observability.handle(new TestLambdaContext("f"), "Op",
                Map.of(Observability.INCIDENT_ID, "INC-1"), () -> {
                    throw boom;
                })).isSameAs(boom);
        assertThat(MDC.get(Observability.INCIDENT_ID)).isNull();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void nullCorrelationValuesAreSkipped() {
        Map<String, String> ids = new HashMap<>();
        ids.put(Observability.EXECUTION_ID, null);
        assertThat(Observability.handle(new TestLambdaContext("f"), "Op", ids, () -> MDC.get(Observability.EXECUTION_ID))).isNull();
    }
}
