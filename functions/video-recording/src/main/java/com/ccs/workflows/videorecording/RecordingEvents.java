package com.ccs.workflows.videorecording;

import com.ccs.workflows.shared.event.EventFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON contract with the emergency state machine. Input: {@code {"incident_id","vehicle_id","type",
 * "severity","event_timestamp","location":{"lat","lon"}}}; only the incident and vehicle ids drive the
 * recording, the rest is accepted as context. Output: {@code {"incident_id","recording_id","status",
 * "started_at","command_topic","already_started"}}.
 */
final class RecordingEvents {
    private RecordingEvents() {}

    static RecordingRequest toRequest(Map<String, Object> event) {
        EventFields fields = EventFields.of(event);
        return new RecordingRequest(fields.requiredString("incident_id"), fields.requiredString("vehicle_id"));
    }

    static Map<String, Object> toOutput(RecordingOutcome outcome) {
        RecordingSession session = outcome.session();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("incident_id", session.incidentId());
        output.put("recording_id", session.recordingId());
        output.put("status", session.status().wire());
        output.put("started_at", session.startedAt().toString());
        output.put("command_topic", session.commandTopic());
        output.put("already_started", outcome.alreadyStarted());
        return output;
    }
}
