package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionConfigTest {

    @Test
    void defaultsTheTopicPrefixFromTheEnvironmentInTheTableName() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of("RECORDINGS_TABLE", "ccs-staging-recordings"));

        assertThat(config.recordingsTable()).isEqualTo("ccs-staging-recordings");
        assertThat(config.settings()).isEqualTo(new RecordingSettings("ccs/staging/vehicles", 30, 300));
        assertThat(config.settings().commandTopic("VEH-1")).isEqualTo("ccs/staging/vehicles/VEH-1/commands");
        assertThat(config.iotDataEndpoint()).isEmpty();
    }

    @Test
    void readsExplicitSettings() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of(
                "RECORDINGS_TABLE", "recordings-test",
                "VEHICLE_COMMAND_TOPIC_PREFIX", "fleet/prod/vehicles",
                "RECORDING_PRE_ROLL_SECONDS", "10",
                "RECORDING_DURATION_SECONDS", "900",
                "IOT_DATA_ENDPOINT", "a1b2c3-ats.iot.us-east-1.amazonaws.com"));

        assertThat(config.settings()).isEqualTo(new RecordingSettings("fleet/prod/vehicles", 10, 900));
        assertThat(config.iotDataEndpoint()).contains(URI.create("https://a1b2c3-ats.iot.us-east-1.amazonaws.com"));
    }

    @Test
    void refusesToStartWithoutATableOrAPrefixItCanDerive() {
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECORDINGS_TABLE");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(Map.of("RECORDINGS_TABLE", "recordings")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VEHICLE_COMMAND_TOPIC_PREFIX");
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(
                        Map.of("RECORDINGS_TABLE", "ccs-dev-recordings", "RECORDING_DURATION_SECONDS", "ten")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECORDING_DURATION_SECONDS");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ccs/dev",
                "ccs/dev/",
                "ccs//dev",
                "ccs/+/vehicles",
                "ccs/#",
                "$aws/things",
                "ccs dev",
                "a/b/c/d/e/f/g"
            })
    void rejectsTopicPrefixesAwsIotWouldRefuseOrMisroute(String prefix) {
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(
                        Map.of("RECORDINGS_TABLE", "ccs-dev-recordings", "VEHICLE_COMMAND_TOPIC_PREFIX", prefix)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("command topic prefix");
    }

    @Test
    void acceptsThePrefixDepthAwsIotAllows() {
        assertThat(new RecordingSettings("a/b/c/d/e/f", 0, 1).commandTopic("V")).isEqualTo("a/b/c/d/e/f/V/commands");
    }
}
