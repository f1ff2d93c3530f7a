package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.InvalidInputException;
import java.time.Clock;

/**
 * Starts recording on a vehicle's camera for an incident, exactly once per incident from the caller's point of
 * view, however often it is called.
 *
 * <p>Order: the session is written first as {@code starting} (a conditional put, so concurrent or repeated
 * calls agree on one session and one recording id), then the command is published, then the session is marked
 * {@code recording}. A failure between the steps leaves a {@code starting} session, which the next attempt
 * finds and completes by publishing again; that is safe because the device acts once per recording id. A
 * session already {@code recording} is returned as it is, without publishing again.
 */
public final class RecordingService {
    private final RecordingStore store;
    private final CommandPublisher publisher;
    private final RecordingSettings settings;
    private final Clock clock;

    public RecordingService(RecordingStore store, CommandPublisher publisher, RecordingSettings settings, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    public RecordingOutcome start(RecordingRequest request) {
        RecordingSession intent = RecordingSession.starting(
                request.incidentId(), request.vehicleId(), settings.commandTopic(request.vehicleId()), clock.instant());
        return switch (store.claim(intent)) {
            case SessionClaim.Created created -> commandRecording(created.session());
            case SessionClaim.Existing existing -> resume(request, existing.session());
        };
    }

    private RecordingOutcome resume(RecordingRequest request, RecordingSession session) {
        if (!session.vehicleId().equals(request.vehicleId())) {
            // The incident id names its vehicle; a different one means the event was assembled wrongly, and no
            // retry can fix that, so it is rejected rather than sent to another vehicle's camera.
            throw new InvalidInputException(
                    "vehicle_id",
                    "incident " + request.incidentId() + " is recorded for vehicle " + session.vehicleId() + ", not "
                            + request.vehicleId());
        }
        if (session.status() == RecordingStatus.RECORDING) {
            return new RecordingOutcome(session, true);
        }
        return commandRecording(session);
    }

    private RecordingOutcome commandRecording(RecordingSession session) {
        StartRecordingCommand command = new StartRecordingCommand(
                session.incidentId(),
                session.recordingId(),
                settings.preRollSeconds(),
                settings.durationSeconds(),
                clock.instant());
        publisher.publish(session.commandTopic(), command.toJson());
        store.markRecording(session);
        return new RecordingOutcome(session.withStatus(RecordingStatus.RECORDING), false);
    }
}
