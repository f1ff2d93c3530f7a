package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RecordingSettings SETTINGS = new RecordingSettings("ccs/dev/vehicles", 30, 300);
    private static final RecordingRequest REQUEST = new RecordingRequest("INC-VEH-12345-1698765432000", "VEH-12345");

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final RecordingPublisherSpy publisher = new RecordingPublisherSpy();
    private final RecordingService service =
            new RecordingService(store, publisher, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void firstStartPublishesOneCommandAndRecordsTheSessionAsRecording() {
        RecordingOutcome outcome = service.start(REQUEST);

        assertThat(outcome.alreadyStarted()).isFalse();
        assertThat(outcome.session())
                .isEqualTo(new RecordingSession(
                        "INC-VEH-12345-1698765432000",
                        "REC-INC-VEH-12345-1698765432000",
                        "VEH-12345",
                        RecordingStatus.RECORDING,
                        NOW,
                        "ccs/dev/vehicles/VEH-12345/commands"));
        assertThat(publisher.published()).hasSize(1);
        RecordingPublisherSpy.Published command = publisher.published().get(0);
        assertThat(command.topic()).isEqualTo("ccs/dev/vehicles/VEH-12345/commands");
        assertThat(SampleEvents.parseJson(command.json()))
                .isEqualTo(Map.of(
                        "command", "START_RECORDING",
                        "incident_id", "INC-VEH-12345-1698765432000",
                        "recording_id", "REC-INC-VEH-12345-1698765432000",
                        "pre_roll_seconds", 30,
                        "duration_seconds", 300,
                        "issued_at", "2026-03-01T12:00:00Z"));
        assertThat(store.get(REQUEST.incidentId())).contains(outcome.session());
    }

    @Test
    void secondStartOfTheSameIncidentPublishesNothingAndReturnsTheSameRecording() {
        RecordingOutcome first = service.start(REQUEST);
        RecordingService later =
                new RecordingService(store, publisher, SETTINGS, Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));

        RecordingOutcome second = later.start(REQUEST);

        assertThat(second.alreadyStarted()).isTrue();
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.session().startedAt()).isEqualTo(NOW);
        assertThat(publisher.published()).hasSize(1);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aSessionLeftStartingIsCompletedByRepublishingTheSameRecordingId() {
        Instant earlier = NOW.minusSeconds(2);
        store.put(RecordingSession.starting(
                REQUEST.incidentId(), REQUEST.vehicleId(), "ccs/dev/vehicles/VEH-12345/commands", earlier));

        RecordingOutcome outcome = service.start(REQUEST);

        assertThat(outcome.alreadyStarted()).isFalse();
        assertThat(outcome.session().status()).isEqualTo(RecordingStatus.RECORDING);
        assertThat(outcome.session().startedAt()).isEqualTo(earlier);
        assertThat(publisher.published())
                .singleElement()
                .satisfies(p -> assertThat(SampleEvents.parseJson(p.json()))
                        .containsEntry("recording_id", "REC-INC-VEH-12345-1698765432000"));
        assertThat(store.get(REQUEST.incidentId()))
                .get()
                .extracting(RecordingSession::status)
                .isEqualTo(RecordingStatus.RECORDING);
    }

    @Test
    void aFailedPublishLeavesTheSessionStartingAndTheRetryCompletesIt() {
        publisher.failNext(1, new DependencyUnavailableException("AWS IoT data plane", "throttled", null));

        assertThatThrownBy(() -> service.start(REQUEST)).isInstanceOf(DependencyUnavailableException.class);
        assertThat(store.get(REQUEST.incidentId()))
                .get()
                .extracting(RecordingSession::status)
                .isEqualTo(RecordingStatus.STARTING);
        assertThat(publisher.published()).isEmpty();

        RecordingOutcome retry = service.start(REQUEST);

        assertThat(retry.alreadyStarted()).isFalse();
        assertThat(retry.session().recordingId()).isEqualTo("REC-INC-VEH-12345-1698765432000");
        assertThat(publisher.published()).hasSize(1);
        assertThat(store.get(REQUEST.incidentId()))
                .get()
                .extracting(RecordingSession::status)
                .isEqualTo(RecordingStatus.RECORDING);
    }

    @Test
    void anIncidentAlreadyRecordingAnotherVehicleIsRejectedWithoutPublishing() {
        service.start(REQUEST);

        assertThatThrownBy(() -> service.start(new RecordingRequest(REQUEST.incidentId(), "VEH-99999")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("vehicle_id");
                    assertThat(e.getMessage()).contains("VEH-12345").contains("VEH-99999");
                });
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void differentIncidentsGetTheirOwnSessionsAndCommands() {
        service.start(REQUEST);
        RecordingOutcome other = service.start(new RecordingRequest("INC-VEH-777-1698765499000", "VEH-777"));

        assertThat(other.alreadyStarted()).isFalse();
        assertThat(other.session().recordingId()).isEqualTo("REC-INC-VEH-777-1698765499000");
        assertThat(other.session().commandTopic()).isEqualTo("ccs/dev/vehicles/VEH-777/commands");
        assertThat(publisher.published())
                .extracting(RecordingPublisherSpy.Published::topic)
                .containsExactly("ccs/dev/vehicles/VEH-12345/commands", "ccs/dev/vehicles/VEH-777/commands");
        assertThat(store.size()).isEqualTo(2);
    }
}
