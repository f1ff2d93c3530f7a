package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.priming.Priming;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StandardOutput;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VideoRecordingHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RecordingSettings SETTINGS = new RecordingSettings("ccs/dev/vehicles", 30, 300);

    private final InMemoryRecordingStore store = new InMemoryRecordingStore();
    private final RecordingPublisherSpy publisher = new RecordingPublisherSpy();
    private final VideoRecordingHandler handler = new VideoRecordingHandler(
            new RecordingService(store, publisher, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC)), SETTINGS);

    @Test
    void thePanicButtonEventStartsRecordingAndReturnsTheDocumentedShape() {
        Map<String, Object> output = handler.handle(
                SampleEvents.load("video-recording", "panic-button.json"), new TestLambdaContext("video-recording"));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("incident_id", "INC-VEH-12345-1698765432000");
        expected.put("recording_id", "REC-INC-VEH-12345-1698765432000");
        expected.put("status", "recording");
        expected.put("started_at", "2026-03-01T12:00:00Z");
        expected.put("command_topic", "ccs/dev/vehicles/VEH-12345/commands");
        expected.put("already_started", false);
        assertThat(output).containsExactlyEntriesOf(expected);
        assertThat(publisher.published())
                .singleElement()
                .extracting(RecordingPublisherSpy.Published::topic)
                .isEqualTo("ccs/dev/vehicles/VEH-12345/commands");
    }

    @Test
    void theRetryOfTheSameIncidentReturnsTheSameRecordingWithoutPublishingAgain() {
        Map<String, Object> first = handler.handle(
                SampleEvents.load("video-recording", "panic-button.json"), new TestLambdaContext("video-recording"));
        Map<String, Object> retry = handler.handle(
                SampleEvents.load("video-recording", "retry-same-incident.json"),
                new TestLambdaContext("video-recording"));

        assertThat(retry)
                .containsEntry("already_started", true)
                .containsEntry("recording_id", first.get("recording_id"))
                .containsEntry("started_at", first.get("started_at"))
                .containsEntry("status", "recording");
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void theInvalidVehicleIdEventFailsNamingTheFieldBeforeAnyWrite() {
        assertThatThrownBy(() -> handler.handle(
                        SampleEvents.load("video-recording", "invalid-vehicle-id.json"),
                        new TestLambdaContext("video-recording")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vehicle_id"));
        assertThat(store.calls).hasValue(0);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void primingRunsTheRequestPathInMemoryWithoutTouchingTheFunctionsStoreOrChannel() {
        int rounds = Priming.ROUNDS;
        RequestPathPrimer.Report report = handler.prime(rounds);
        assertThat(report).as("priming report").isNotNull();
        assertThat(report.invocations()).isEqualTo(3 * rounds);
        // new session: put, publish, update; session left starting: put (found), publish, update; recording: put
        // (found)
        assertThat(report.sdkRequests())
                .isEqualTo(Map.of("PutItem", 3 * rounds, "Publish", 2 * rounds, "UpdateItem", 2 * rounds));
        assertThat(store.calls).hasValue(0);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void afterPrimingTheHandlerStillServesRealRequests() {
        handler.prime(Priming.ROUNDS);

        Map<String, Object> output = handler.handle(
                SampleEvents.load("video-recording", "panic-button.json"), new TestLambdaContext("video-recording"));

        assertThat(output).containsEntry("already_started", false);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void countsRecordingStartedOnlyForTheCallThatSentTheCommand() {
        String first = StandardOutput.of(() -> handler.handle(
                SampleEvents.load("video-recording", "panic-button.json"), new TestLambdaContext("video-recording")));
        String retry = StandardOutput.of(() -> handler.handle(
                SampleEvents.load("video-recording", "retry-same-incident.json"),
                new TestLambdaContext("video-recording")));

        assertThat(first.lines().filter(line -> line.contains("\"_aws\"")))
                .singleElement()
                .satisfies(record -> assertThat(SampleEvents.parseJson(record)).containsEntry("RecordingStarted", 1.0));
        assertThat(retry).doesNotContain("RecordingStarted");
    }
}
