package com.ccs.workflows.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.testing.SampleEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfRecordTest {

    @Test
    void oneRecordDeclaresEveryMetricWithItsUnitAndTheServiceDimension() {
        EmfRecord record = new EmfRecord();
        record.add("ContractCreated", 1, MetricUnit.COUNT);
        record.add("ValidationScore", 87.5, MetricUnit.NONE);
        record.add("ValidationScore", 90, MetricUnit.NONE);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("function_request_id", "req-1");
        properties.put("xray_trace_id", null);

        Map<String, Object> json = SampleEvents.parseJson(
                record.toJson("CCS/Workflows", "create-contract", 1_764_484_000_000L, properties));

        assertThat(json)
                .containsEntry("Service", "create-contract")
                .containsEntry("function_request_id", "req-1")
                .doesNotContainKey("xray_trace_id")
                .containsEntry("ContractCreated", 1.0)
                .containsEntry("ValidationScore", List.of(87.5, 90.0));
        assertThat(json.get("_aws"))
                .isEqualTo(Map.of(
                        "Timestamp",
                        1_764_484_000_000L,
                        "CloudWatchMetrics",
                        List.of(Map.of(
                                "Namespace", "CCS/Workflows",
                                "Dimensions", List.of(List.of("Service")),
                                "Metrics",
                                        List.of(
                                                Map.of("Name", "ContractCreated", "Unit", "Count"),
                                                Map.of("Name", "ValidationScore", "Unit", "None"))))));
    }

    @Test
    void refusesWhatEmfCannotCarry() {
        EmfRecord record = new EmfRecord();
        assertThatThrownBy(() -> record.add("Score", Double.NaN, MetricUnit.NONE))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> record.add("", 1, MetricUnit.COUNT)).hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> record.add("Service", 1, MetricUnit.COUNT)).hasMessageContaining("reserved");
        record.add("Latency", 3, MetricUnit.MILLISECONDS);
        assertThatThrownBy(() -> record.add("Latency", 3, MetricUnit.SECONDS)).hasMessageContaining("Milliseconds");
        for (int i = 1; i < EmfRecord.MAX_METRICS; i++) {
            record.add("M" + i, i, MetricUnit.COUNT);
        }
        assertThatThrownBy(() -> record.add("OneTooMany", 1, MetricUnit.COUNT)).hasMessageContaining("more than 100");
        assertThat(record.isEmpty()).isFalse();
    }
}
