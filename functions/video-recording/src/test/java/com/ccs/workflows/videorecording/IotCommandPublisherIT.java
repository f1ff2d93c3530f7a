package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.shared.aws.AwsClients;
import com.ccs.workflows.testing.Emulators;
import com.ccs.workflows.testing.SampleEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/** The IoT command channel against MiniStack's IoT Core: HTTPS Publish in, MQTT subscriber (the vehicle) out. */
class IotCommandPublisherIT {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String PREFIX = "ccs/it" + UUID.randomUUID().toString().substring(0, 8) + "/vehicles";

    private static IotDataPlaneClient client;

    @BeforeAll
    static void connect() {
        client = AwsClients.build(IotDataPlaneClient.builder(), Emulators.awsEnvironment());
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theVehicleSubscribedToItsCommandTopicReceivesTheCommandAtQos1() throws IOException {
        String topic = PREFIX + "/VEH-IT-1/commands";
        String json = new StartRecordingCommand(
                        "INC-VEH-IT-1-1", "REC-INC-VEH-IT-1-1", 30, 300, Instant.parse("2026-03-01T12:00:00Z"))
                .toJson();

        try (MqttWebSocketSubscriber vehicle =
                MqttWebSocketSubscriber.subscribe(Emulators.aws(), "us-east-1", topic, READ_TIMEOUT)) {
            new IotCommandPublisher(client).publish(topic, json);

            MqttWebSocketSubscriber.Message received = vehicle.next();
            assertThat(received.topic()).isEqualTo(topic);
            assertThat(received.qos()).isEqualTo(1);
            assertThat(received.text()).isEqualTo(json);
            assertThat(SampleEvents.parseJson(received.text())).containsEntry("command", "START_RECORDING");
        }
    }

    @Test
    void aVehicleReceivesOnlyItsOwnCommands() throws IOException {
        IotCommandPublisher publisher = new IotCommandPublisher(client);
        try (MqttWebSocketSubscriber vehicle = MqttWebSocketSubscriber.subscribe(
                Emulators.aws(), "us-east-1", PREFIX + "/VEH-IT-2/commands", READ_TIMEOUT)) {
            publisher.publish(
                    PREFIX + "/VEH-IT-3/commands", "{\"command\":\"START_RECORDING\",\"recording_id\":\"other\"}");
            publisher.publish(
                    PREFIX + "/VEH-IT-2/commands", "{\"command\":\"START_RECORDING\",\"recording_id\":\"mine\"}");

            // Delivery is in publish order, so had the first command reached this vehicle it would come first.
            assertThat(SampleEvents.parseJson(vehicle.next().text()))
                    .isEqualTo(Map.of("command", "START_RECORDING", "recording_id", "mine"));
        }
    }

    @Test
    void aTopicTheBrokerRefusesIsAConfigurationFaultNotARetry() {
        IotCommandPublisher publisher = new IotCommandPublisher(client);

        assertThatThrownBy(() -> publisher.publish(PREFIX + "/+/commands", "{}"))
                .isInstanceOf(SdkException.class)
                .isNotInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void anUnreachableBrokerIsDependencyUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (IotDataPlaneClient unreachable = AwsClients.build(
                IotDataPlaneClient.builder(),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort, "AWS_REGION", "us-east-1"))) {
            assertThatThrownBy(() -> new IotCommandPublisher(unreachable).publish(PREFIX + "/VEH-IT-4/commands", "{}"))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(e.dependency()).isEqualTo(IotCommandPublisher.DEPENDENCY));
        }
    }
}
