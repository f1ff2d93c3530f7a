package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What video-recording logs, for every sample event (twice: the retry finds the session), for hostile incidents and
 * when the broker or the recordings table fails, holds no secret and no personal number (see {@link LogScan}).
 */
class VideoRecordingLogHygieneTest {
    private static final String MODULE = "video-recording";
    private static final RecordingSettings SETTINGS = new RecordingSettings("ccs/dev/vehicles", 30, 300);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    /** A recordings table that cannot be written, as DynamoDB when it stays throttled. */
    private static final RecordingStore TABLE_DOWN = new RecordingStore() {
        @Override
        public SessionClaim claim(RecordingSession intent) {
            throw new DependencyUnavailableException("DynamoDB", "PutItem throttled", null);
        }

        @Override
        public void markRecording(RecordingSession session) {
            throw new DependencyUnavailableException("DynamoDB", "UpdateItem throttled", null);
        }
    };

    private static void invoke(
            LogHygiene hygiene, String label, Object event, RecordingStore store, CommandPublisher publisher) {
        VideoRecordingHandler handler =
                new VideoRecordingHandler(new RecordingService(store, publisher, SETTINGS, CLOCK), SETTINGS);
        @SuppressWarnings("unchecked")
        Map<String, Object> incident = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(incident, new TestLambdaContext("ccs-test-" + MODULE)));
    }

    @Test
    void samplesHostileIncidentsAndFailuresLogNoSecretOrPersonalNumber() {
        Map<String, Object> sample = SampleEvents.load(MODULE, "panic-button.json");
        try (LogHygiene hygiene = new LogHygiene(MODULE, LogScan.create())) {
            for (String name : LogHygiene.samples(MODULE)) {
                Map<String, Object> event = SampleEvents.load(MODULE, name);
                InMemoryRecordingStore store = new InMemoryRecordingStore();
                invoke(hygiene, name, event, store, new RecordingPublisherSpy());
                invoke(hygiene, name + " again", event, store, new RecordingPublisherSpy());
                RecordingPublisherSpy brokerDown = new RecordingPublisherSpy();
                brokerDown.failNext(1, new DependencyUnavailableException("AWS IoT data plane", "throttled", null));
                invoke(hygiene, name + " with the broker failing", event, new InMemoryRecordingStore(), brokerDown);
                invoke(
                        hygiene,
                        name + " with the recordings table down",
                        event,
                        TABLE_DOWN,
                        new RecordingPublisherSpy());
            }
            HostileEvents events = HostileEvents.seeded();
            for (HostileEvents.Case c :
                    LogHygiene.pick(events.cases(sample, 100), 400, Set.of("incident_id", "vehicle_id"))) {
                invoke(hygiene, c.toString(), c.event(), new InMemoryRecordingStore(), new RecordingPublisherSpy());
            }
            hygiene.report();
        }
    }
}
