package com.ccs.workflows.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.testing.CapturedLogs;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StandardOutput;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ObservabilityTest {

    @Test
    void correlationIdsAreLogFieldsDuringTheInvocationOnly() {
        Map<String, String> seen = new HashMap<>();
        String result = Observability.handle(
                new TestLambdaContext("create-contract"),
                "CreateContract",
                Map.of(Observability.EXECUTION_ID, "exec-1"),
                () -> {
                    Observability.correlate(Observability.CONTRACT_ID, "CONT-2026-000001");
                    seen.put("execution", MDC.get(Observability.EXECUTION_ID));
                    seen.put("contract", MDC.get(Observability.CONTRACT_ID));
                    seen.put("function", MDC.get("function_name"));
                    Observability.count("ContractCreated");
                    return "ok";
                });

        assertThat(result).isEqualTo("ok");
        assertThat(seen)
                .containsEntry("execution", "exec-1")
                .containsEntry("contract", "CONT-2026-000001")
                .containsEntry("function", "create-contract");
        assertThat(MDC.get(Observability.EXECUTION_ID)).isNull();
        assertThat(MDC.get(Observability.CONTRACT_ID)).isNull();
        assertThat(MDC.getCopyOfContextMap())
                .as("the Lambda context fields too")
                .isNullOrEmpty();
    }

    @Test
    void failuresPropagateUnchangedAndStillClearTheContext() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Observability.handle(
                        new TestLambdaContext("f"), "Op", Map.of(Observability.INCIDENT_ID, "INC-1"), () -> {
                            throw boom;
                        }))
                .isSameAs(boom);
        assertThat(MDC.get(Observability.INCIDENT_ID)).isNull();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anInvocationWritesOneEmfRecordAndLogLinesWithItsContext() {
        String printed;
        String logged;
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            printed = StandardOutput.of(() -> {
                Observability.handle(
                        new TestLambdaContext("create-contract"),
                        "CreateContract",
                        Map.of(Observability.EXECUTION_ID, "exec-7"),
                        () -> {
                            LoggerFactory.getLogger(ObservabilityTest.class).info("creating");
                            Observability.count("ContractCreated");
                            Observability.count("ContractCreated");
                            return null;
                        });
                Observability.handle(new TestLambdaContext("create-contract"), "CreateContract", Map.of(), () -> null);
            });
            logged = logs.text();
        }

        List<String> records = printed.lines().toList();
        assertThat(records)
                .as("one record, and none for the invocation that recorded nothing")
                .hasSize(1);
        Map<String, Object> record = SampleEvents.parseJson(records.get(0));
        assertThat(record)
                .containsEntry("Service", "ccs-workflows-test")
                .containsEntry("ContractCreated", List.of(1.0, 1.0))
                .containsKey("function_request_id");
        assertThat(record.get("_aws").toString()).contains("Namespace=CCS/Test");
        Map<String, Object> line = SampleEvents.parseJson(logged.strip());
        assertThat(line)
                .containsEntry("message", "creating")
                .containsEntry("execution_id", "exec-7")
                .containsEntry("function_name", "create-contract")
                .containsEntry("service", "ccs-workflows-test")
                .containsKeys("cold_start", "function_request_id", "function_arn");
    }

    @Test
    void aMetricEmfCannotCarryIsLoggedAndDroppedWithoutFailingTheInvocation() {
        String printed;
        String logged;
        try (CapturedLogs logs = CapturedLogs.quietAsDeployed()) {
            printed = StandardOutput.of(() -> assertThat(
                            Observability.handle(new TestLambdaContext("f"), "Op", Map.of(), () -> {
                                Observability.record("Score", Double.NaN, MetricUnit.NONE);
                                Observability.count("Counted");
                                return "done";
                            }))
                    .isEqualTo("done"));
            logged = logs.text();
        }

        assertThat(logged).contains("Metric not recorded", "Score", "finite");
        Map<String, Object> record = SampleEvents.parseJson(printed.strip());
        assertThat(record).containsEntry("Counted", 1.0).doesNotContainKey("Score");
    }

    @Test
    void nullCorrelationValuesAreSkipped() {
        Map<String, String> ids = new HashMap<>();
        ids.put(Observability.EXECUTION_ID, null);
        assertThat(Observability.handle(
                        new TestLambdaContext("f"), "Op", ids, () -> MDC.get(Observability.EXECUTION_ID)))
                .isNull();
    }
}
