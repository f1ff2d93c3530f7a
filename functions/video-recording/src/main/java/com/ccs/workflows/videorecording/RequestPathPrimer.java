package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.JsonText;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Answer;
import com.ccs.workflows.shared.priming.InMemorySdkHttpClient.Call;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * Runs the whole request path before a SnapStart snapshot without side effects: the event mapping, request
 * validation (including a rejected vehicle id), the service's three branches (new session, session left
 * {@code starting}, session already {@code recording}), the command JSON, and the real DynamoDB and IoT
 * adapters over real SDK clients whose HTTP client answers in memory ({@link InMemorySdkHttpClient}). No request
 * reaches AWS, nothing is written or published, no metric is emitted; the clients built here are closed
 * afterwards. The function's own clients are left untouched (their credentials and connections belong to the
 * restored environment, not the snapshot).
 */
final class RequestPathPrimer {
    /** What priming exercised, for the init log and for tests. */
    record Report(int invocations, Map<String, Integer> sdkRequests) {}

    static final String SAMPLE_VEHICLE = "PRIMING-VEHICLE";
    static final String SAMPLE_INCIDENT = "INC-" + SAMPLE_VEHICLE + "-0";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final RecordingSettings settings;
    private RecordingStatus storedStatus; // null: no session stored yet, the conditional put succeeds

    private RequestPathPrimer(RecordingSettings settings) {
        this.settings = settings;
    }

    static Report prime(RecordingSettings settings, int rounds) {
        return new RequestPathPrimer(settings).run(rounds);
    }

    private Report run(int rounds) {
        InMemorySdkHttpClient http = new InMemorySdkHttpClient(this::answer);
        int invocations = 0;
        try (DynamoDbClient dynamoDb = http.client(DynamoDbClient.builder());
                IotDataPlaneClient iot = http.client(IotDataPlaneClient.builder())) {
            RecordingService service = new RecordingService(
                    new DynamoDbRecordingStore(dynamoDb, "ccs-priming-recordings"),
                    new IotCommandPublisher(iot),
                    settings,
                    Clock.systemUTC());
            Map<String, Object> event = sampleEvent();
            for (int round = 0; round < rounds; round++) {
                for (RecordingStatus stored :
                        new RecordingStatus[] {null, RecordingStatus.STARTING, RecordingStatus.RECORDING}) {
                    storedStatus = stored;
                    Map<String, Object> output =
                            RecordingEvents.toOutput(service.start(RecordingEvents.toRequest(event)));
                    if (!RecordingStatus.RECORDING.wire().equals(output.get("status"))) {
                        throw new IllegalStateException("priming produced an unexpected result: " + output);
                    }
                    invocations++;
                }
                rejectInvalidVehicle(event);
            }
        }
        return new Report(invocations, http.requests());
    }

    private static void rejectInvalidVehicle(Map<String, Object> event) {
        Map<String, Object> invalid = new HashMap<>(event);
        invalid.put("vehicle_id", SAMPLE_VEHICLE + "/#");
        try {
            RecordingEvents.toRequest(invalid);
            throw new IllegalStateException("priming expected the vehicle id to be rejected");
        } catch (InvalidInputException expected) {
            // the path an invalid event takes, loaded like the others
        }
    }

    private Answer answer(Call call) {
        return switch (call.operation()) {
            case "PutItem" ->
                storedStatus == null
                        ? Answer.json("{}")
                        : new Answer(400, JSON_1_0, conditionalCheckFailed(storedStatus));
            case "UpdateItem" -> Answer.json("{}");
            case "Publish" -> new Answer(200, "application/json", "");
            default -> throw new IllegalStateException("priming does not expect " + call.operation());
        };
    }

    /** DynamoDB's answer to a conditional put that found the incident's session, returning it (ALL_OLD). */
    private String conditionalCheckFailed(RecordingStatus status) {
        RecordingSession stored = new RecordingSession(
                SAMPLE_INCIDENT,
                RecordingSession.recordingIdFor(SAMPLE_INCIDENT),
                SAMPLE_VEHICLE,
                status,
                Instant.EPOCH,
                settings.commandTopic(SAMPLE_VEHICLE));
        StringBuilder json =
                new StringBuilder("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                        + "\"message\":\"The conditional request failed\",\"Item\":{");
        String separator = "";
        for (var attribute : DynamoDbRecordingStore.toItem(stored).entrySet()) {
            json.append(separator)
                    .append(JsonText.quote(attribute.getKey()))
                    .append(":{\"S\":")
                    .append(JsonText.quote(attribute.getValue().s()))
                    .append('}');
            separator = ",";
        }
        return json.append("}}").toString();
    }

    /** An event as the emergency state machine sends it, with the value types Lambda's deserialiser produces. */
    private static Map<String, Object> sampleEvent() {
        Map<String, Object> event = new HashMap<>();
        event.put("incident_id", SAMPLE_INCIDENT);
        event.put("vehicle_id", SAMPLE_VEHICLE);
        event.put("type", "panic_button");
        event.put("severity", "critical");
        event.put("event_timestamp", 0L);
        event.put("location", Map.of("lat", 4.6097, "lon", -74.0817));
        return event;
    }
}
