package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.shared.priming.Priming;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * The handler as Lambda builds it (configuration from the environment, real clients) against MiniStack's
 * DynamoDB and IoT Core, with an MQTT subscriber standing in for the vehicles under a topic prefix of its own.
 */
class VideoRecordingHandlerIT {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String PREFIX = "ccs/it" + UUID.randomUUID().toString().substring(0, 8) + "/vehicles";

    private static DynamoDbClient dynamoDb;
    private static IotDataPlaneClient iot;
    private static RecordingsTable table;
    private static VideoRecordingHandler handler;

    @BeforeAll
    static void setUp() {
        dynamoDb = AwsClients.build(DynamoDbClient.builder(), Emulators.awsEnvironment());
        iot = AwsClients.build(IotDataPlaneClient.builder(), Emulators.awsEnvironment());
        table = RecordingsTable.create(dynamoDb);
        Map<String, String> env = new HashMap<>(Emulators.awsEnvironment());
        env.put("RECORDINGS_TABLE", table.name);
        env.put("VEHICLE_COMMAND_TOPIC_PREFIX", PREFIX);
        handler = new VideoRecordingHandler(env);
    }

    @AfterAll
    static void tearDown() {
        if (table != null) {
            table.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (iot != null) {
            iot.close();
        }
    }

    @Test
    void panicButtonThenRetryStartsTheCameraOnceAndPrimingLeavesNoTrace() throws IOException {
        try (MqttWebSocketSubscriber vehicles =
                MqttWebSocketSubscriber.subscribe(Emulators.aws(), "us-east-1", PREFIX + "/#", READ_TIMEOUT)) {
            assertThat(handler.prime(Priming.ROUNDS)).isNotNull();
            assertThat(table.itemCount()).as("items written by priming").isZero();

            Map<String, Object> first = handler.handle(
                    SampleEvents.load("video-recording", "panic-button.json"),
                    new TestLambdaContext("video-recording"));

            assertThat(first)
                    .containsEntry("incident_id", "INC-VEH-12345-1698765432000")
                    .containsEntry("recording_id", "REC-INC-VEH-12345-1698765432000")
                    .containsEntry("status", "recording")
                    .containsEntry("command_topic", PREFIX + "/VEH-12345/commands")
                    .containsEntry("already_started", false);
            // The first message under the prefix is the panic button's command: priming published nothing.
            MqttWebSocketSubscriber.Message command = vehicles.next();
            assertThat(command.topic()).isEqualTo(PREFIX + "/VEH-12345/commands");
            assertThat(SampleEvents.parseJson(command.text()))
                    .containsEntry("command", "START_RECORDING")
                    .containsEntry("incident_id", "INC-VEH-12345-1698765432000")
                    .containsEntry("recording_id", "REC-INC-VEH-12345-1698765432000")
                    .containsEntry("pre_roll_seconds", 30)
                    .containsEntry("duration_seconds", 300);
            assertThat(table.item("INC-VEH-12345-1698765432000").get("status").s())
                    .isEqualTo("recording");

            Map<String, Object> retry = handler.handle(
                    SampleEvents.load("video-recording", "retry-same-incident.json"),
                    new TestLambdaContext("video-recording"));

            assertThat(retry)
                    .containsEntry("already_started", true)
                    .containsEntry("recording_id", first.get("recording_id"))
                    .containsEntry("started_at", first.get("started_at"));
            // A marker published after the retry arrives next: the retry sent no second command.
            String marker = "{\"marker\":\"" + UUID.randomUUID() + "\"}";
            new IotCommandPublisher(iot).publish(PREFIX + "/MARKER/commands", marker);
            assertThat(vehicles.next().text()).isEqualTo(marker);
            assertThat(table.itemCount()).isEqualTo(1);
        }
    }

    @Test
    void anInvalidVehicleIdIsRejectedBeforeAnyWrite() {
        assertThatThrownBy(() -> handler.handle(
                        SampleEvents.load("video-recording", "invalid-vehicle-id.json"),
                        new TestLambdaContext("video-recording")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vehicle_id"));
        assertThat(table.item("INC-VEH-12345/#-1698765432000")).isEmpty();
    }

    @Test
    void twoConcurrentStartsOfOneIncidentLeaveOneSession() throws Exception {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("video-recording", "panic-button.json"));
        event.put("incident_id", "INC-VEH-RACE-1698765432999");
        event.put("vehicle_id", "VEH-RACE");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, Object>>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(pool.submit(() -> {
                    start.await();
                    return handler.handle(event, new TestLambdaContext("video-recording"));
                }));
            }
            start.countDown();
            Map<String, Object> a = starts.get(0).get();
            Map<String, Object> b = starts.get(1).get();

            assertThat(a.get("recording_id"))
                    .isEqualTo("REC-INC-VEH-RACE-1698765432999")
                    .isEqualTo(b.get("recording_id"));
            assertThat(a.get("started_at")).isEqualTo(b.get("started_at"));
            assertThat(table.item("INC-VEH-RACE-1698765432999").get("status").s())
                    .isEqualTo("recording");
            assertThat(table.item("INC-VEH-RACE-1698765432999")
                            .get("started_at")
                            .s())
                    .isEqualTo(a.get("started_at"));
        } finally {
            pool.shutdownNow();
        }
    }
}
