package com.ccs.workflows.videorecording;

import com.ccs.workflows.shared.event.JsonText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The command the vehicle's camera controller receives on its command topic. The device keys on
 * {@code recording_id}: a command it has already acted on (MQTT QoS 1 redelivery, or a retried start) is
 * acknowledged and ignored, so publishing it more than once is harmless.
 */
public record StartRecordingCommand(
        String incidentId, String recordingId, int preRollSeconds, int durationSeconds, Instant issuedAt) {
    public static final String NAME = "START_RECORDING";

    /** The wire form, e.g. {@code {"command":"START_RECORDING","incident_id":"INC-...","recording_id":"REC-INC-...",...}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder(192);
        json.append("{\"command\":");
        JsonText.appendQuoted(json, NAME);
        json.append(",\"incident_id\":");
        JsonText.appendQuoted(json, incidentId);
        json.append(",\"recording_id\":");
        JsonText.appendQuoted(json, recordingId);
        json.append(",\"pre_roll_seconds\":").append(preRollSeconds);
        json.append(",\"duration_seconds\":").append(durationSeconds);
        json.append(",\"issued_at\":");
        JsonText.appendQuoted(json, issuedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        return json.append('}').toString();
    }
}
