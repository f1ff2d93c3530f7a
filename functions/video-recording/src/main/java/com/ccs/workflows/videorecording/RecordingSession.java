package com.ccs.workflows.videorecording;

import java.time.Instant;
import java.util.Objects;

/** One incident's recording session, as kept in the recordings table (one item per incident). */
public record RecordingSession(
        String incidentId,
        String recordingId,
        String vehicleId,
        RecordingStatus status,
        Instant startedAt,
        String commandTopic) {
    private static final String RECORDING_ID_PREFIX = "REC-";

    public RecordingSession {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(commandTopic, "commandTopic");
    }

    /**
     * The recording id is derived from the incident, not generated: every attempt for the same incident (Step
     * Functions retries, a re-driven execution, a duplicate event) names the same recording, which is what lets
     * the device ignore a repeated command.
     */
    public static String recordingIdFor(String incidentId) {
        return RECORDING_ID_PREFIX + incidentId;
    }

    /** A new session about to send its start command. */
    public static RecordingSession starting(String incidentId, String vehicleId, String commandTopic, Instant now) {
        return new RecordingSession(
                incidentId, recordingIdFor(incidentId), vehicleId, RecordingStatus.STARTING, now, commandTopic);
    }

    public RecordingSession withStatus(RecordingStatus newStatus) {
        return new RecordingSession(incidentId, recordingId, vehicleId, newStatus, startedAt, commandTopic);
    }
}
