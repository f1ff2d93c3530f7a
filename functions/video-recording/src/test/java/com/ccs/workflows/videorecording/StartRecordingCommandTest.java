package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;

import com.ccs.workflows.testing.SampleEvents;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartRecordingCommandTest {

    @Test
    void theStartCommandIsValidJsonWhateverTheIncidentIdContains() {
        String hostile = "INC-\"},\"command\":\"STOP_RECORDING\",\"x\":{\"\\\n";
        String json = new StartRecordingCommand(
                        hostile, "REC-" + hostile, 30, 300, Instant.parse("2026-03-01T12:00:00.123456Z"))
                .toJson();

        Map<String, Object> parsed = SampleEvents.parseJson(json);
        assertThat(parsed)
                .containsOnlyKeys(
                        "command", "incident_id", "recording_id", "pre_roll_seconds", "duration_seconds", "issued_at");
        assertThat(parsed)
                .containsEntry("command", "START_RECORDING")
                .containsEntry("incident_id", hostile)
                .containsEntry("recording_id", "REC-" + hostile)
                .containsEntry("issued_at", "2026-03-01T12:00:00.123Z");
    }

    @Test
    void theStartCommandHasTheDocumentedShape() {
        String json = new StartRecordingCommand(
                        "INC-VEH-1-5", "REC-INC-VEH-1-5", 30, 300, Instant.parse("2026-03-01T12:00:00Z"))
                .toJson();
        assertThat(json)
                .isEqualTo("{\"command\":\"START_RECORDING\",\"incident_id\":\"INC-VEH-1-5\","
                        + "\"recording_id\":\"REC-INC-VEH-1-5\",\"pre_roll_seconds\":30,\"duration_seconds\":300,"
                        + "\"issued_at\":\"2026-03-01T12:00:00Z\"}");
    }
}
