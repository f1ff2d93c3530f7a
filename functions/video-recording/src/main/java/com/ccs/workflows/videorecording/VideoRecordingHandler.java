package com.ccs.workflows.videorecording;

import com.amazonaws.services.lambda.runtime.Context;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.aws.ClientTimeouts;
import com.ccs.workflows.shared.config.FunctionEnvironment;
import com.ccs.workflows.shared.event.JsonEventHandler;
import com.ccs.workflows.shared.observability.Observability;
import com.ccs.workflows.shared.priming.Priming;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClientBuilder;

/**
 * "Activate Video Recording" of the emergency workflow: starts the vehicle's camera for an incident, once per
 * incident. Input {@code {"incident_id","vehicle_id","type","severity","event_timestamp","location"}}, output
 * {@code {"incident_id","recording_id","status":"recording","started_at","command_topic","already_started"}}.
 *
 * <p>Built for SnapStart: the SDK clients are created once, in the constructor, and the handler registers
 * {@link #prime} with CRaC so that the request path runs in memory before the snapshot is taken.
 */
public final class VideoRecordingHandler extends JsonEventHandler {
    static final String METRIC_RECORDING_STARTED = "RecordingStarted";
    private static final Logger LOG = LoggerFactory.getLogger(VideoRecordingHandler.class);

    private final RecordingService service;
    private final RecordingSettings settings;

    /** Used by Lambda: configuration from the environment, clients built once per execution environment. */
    public VideoRecordingHandler() {
        this(FunctionEnvironment.variables());
        Priming.register("video-recording", this::prime);
    }

    /** Same, from an explicit environment (integration tests, the local runner). */
    public VideoRecordingHandler(Map<String, String> env) {
        this(FunctionConfig.fromEnvironment(env), env);
    }

    private VideoRecordingHandler(FunctionConfig config, Map<String, String> env) {
        this(
                new RecordingService(
                        new DynamoDbRecordingStore(
                                AwsClients.build(DynamoDbClient.builder(), env, ClientTimeouts.EMERGENCY),
                                config.recordingsTable()),
                        new IotCommandPublisher(AwsClients.build(iotBuilder(config), env, ClientTimeouts.EMERGENCY)),
                        config.settings(),
                        Clock.systemUTC()),
                config.settings());
    }

    /** For tests: the domain service with its collaborators, and the settings priming uses. */
    public VideoRecordingHandler(RecordingService service, RecordingSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> event, Context context) {
        Object incidentId = event == null ? null : event.get("incident_id");
        Map<String, String> correlation =
                Collections.singletonMap(Observability.INCIDENT_ID, incidentId instanceof String id ? id : null);
        return Observability.handle(context, "StartVideoRecording", correlation, () -> {
            RecordingOutcome outcome = service.start(RecordingEvents.toRequest(event));
            if (outcome.alreadyStarted()) {
                LOG.info("Recording already started by an earlier attempt; nothing sent");
            } else {
                Observability.count(METRIC_RECORDING_STARTED);
                LOG.info(
                        "Start command accepted by the broker for topic {}",
                        outcome.session().commandTopic());
            }
            return RecordingEvents.toOutput(outcome);
        });
    }

    /**
     * SnapStart priming: runs the request path {@code rounds} times on clients that answer in memory, leaving the
     * function's own clients untouched (their credentials and connections belong to the restored environment).
     */
    RequestPathPrimer.Report prime(int rounds) {
        return RequestPathPrimer.prime(settings, rounds);
    }

    private static IotDataPlaneClientBuilder iotBuilder(FunctionConfig config) {
        IotDataPlaneClientBuilder builder = IotDataPlaneClient.builder();
        config.iotDataEndpoint().ifPresent(builder::endpointOverride);
        return builder;
    }
}
