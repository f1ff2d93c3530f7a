package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.HostileRun;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.StreamInvocation;
import com.ccs.workflows.testing.TestLambdaContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial incidents (see {@link HostileEvents}) through the handler over the
 * in-memory recordings store and a publisher spy. Each either starts recording on exactly one topic of the command
 * prefix, one level per vehicle (no MQTT wildcard, no '/' smuggled in, no reserved topic), or fails with
 * InvalidInputException naming the changed field, having written no session and published nothing.
 */
class VideoRecordingHostileInputTest {
    private static final RecordingSettings SETTINGS = new RecordingSettings("ccs/dev/vehicles", 30, 300);
    private static final Pattern TOPIC = Pattern.compile("ccs/dev/vehicles/[A-Za-z0-9:_-]{1,128}/commands");

    @Test
    void hostileIncidentsStartOneRecordingOnTheVehiclesOwnTopicOrFailWithoutSideEffects() {
        Map<String, Object> sample = SampleEvents.load("video-recording", "panic-button.json");
        Set<String> fields = HostileEvents.pathShapes(sample);
        HostileEvents events = HostileEvents.seeded();
        HostileRun run = new HostileRun("video-recording", events);
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

        run.run(events.cases(sample, 2000), c -> {
            InMemoryRecordingStore store = new InMemoryRecordingStore();
            RecordingPublisherSpy publisher = new RecordingPublisherSpy();
            VideoRecordingHandler handler =
                    new VideoRecordingHandler(new RecordingService(store, publisher, SETTINGS, clock), SETTINGS);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) c.event();
            try {
                Map<String, Object> output =
                        StreamInvocation.invoke(handler, event, new TestLambdaContext("ccs-test-video-recording"));
                if (publisher.published().size() != 1
                        || !TOPIC.matcher(publisher.published().get(0).topic()).matches()
                        || !"recording".equals(output.get("status"))
                        || store.size() != 1) {
                    throw new AssertionError("unexpected output " + output + ", published " + publisher.published());
                }
                String json = publisher.published().get(0).json();
                if (!SampleEvents.parseJson(json).get("incident_id").equals(output.get("incident_id"))) {
                    throw new AssertionError("the command does not carry the incident id as one JSON string: " + json);
                }
            } catch (InvalidInputException e) {
                run.rejected();
                HostileRun.assertCleanInvalidInput(e, c, fields);
                if (store.size() != 0 || !publisher.published().isEmpty()) {
                    throw new AssertionError("side effect despite invalid input");
                }
            }
        });
        run.report();
    }
}
