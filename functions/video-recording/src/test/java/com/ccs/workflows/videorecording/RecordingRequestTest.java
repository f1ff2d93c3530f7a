package com.ccs.workflows.videorecording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.testing.SampleEvents;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingRequestTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "VEH/12345",
                "VEH-12345/#",
                "VEH+1",
                "#",
                "+",
                "$aws",
                "VEH 1",
                "VEH\n1",
                "VEH\u00001",
                "VEH\u00e91",
                "../VEH",
                "VEH.1"
            })
    void vehicleIdsThatAreNotASafeTopicLevelAreRejectedNamingTheField(String vehicleId) {
        assertThatThrownBy(() -> new RecordingRequest("INC-1", vehicleId))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vehicle_id"));
    }

    @Test
    void vehicleIdsLongerThanAThingNameAreRejected() {
        String tooLong = "V".repeat(RecordingRequest.MAX_VEHICLE_ID_LENGTH + 1);
        assertThatThrownBy(() -> new RecordingRequest("INC-1", tooLong))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("vehicle_id");
                    assertThat(e.getMessage()).contains("129 characters");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"VEH-12345", "veh_1", "fleet:7:VEH-1", "A"})
    void thingNameStyleVehicleIdsAreAccepted(String vehicleId) {
        assertThat(new RecordingRequest("INC-1", vehicleId).vehicleId()).isEqualTo(vehicleId);
    }

    @Test
    void aVehicleIdOfTheMaximumLengthIsAccepted() {
        String longest = "V".repeat(RecordingRequest.MAX_VEHICLE_ID_LENGTH);
        assertThat(new RecordingRequest("INC-1", longest).vehicleId()).hasSize(128);
    }

    @Test
    void incidentIdsWithControlCharactersOrUnboundedLengthAreRejected() {
        assertThatThrownBy(() -> new RecordingRequest("INC-\n-1", "VEH-1"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("incident_id"));
        assertThatThrownBy(() -> new RecordingRequest("I".repeat(257), "VEH-1"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("incident_id"));
    }

    @Test
    void theEventMappingNamesMissingAndMistypedFields() {
        Map<String, Object> event = new HashMap<>(SampleEvents.load("video-recording", "panic-button.json"));
        event.remove("incident_id");
        assertThatThrownBy(() -> RecordingEvents.toRequest(event))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("incident_id"));

        Map<String, Object> numericVehicle = new HashMap<>(SampleEvents.load("video-recording", "panic-button.json"));
        numericVehicle.put("vehicle_id", 12345);
        assertThatThrownBy(() -> RecordingEvents.toRequest(numericVehicle))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("vehicle_id"));

        assertThatThrownBy(() -> RecordingEvents.toRequest(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theInvalidSampleEventIsRejectedOnItsVehicleId() {
        assertThatThrownBy(() ->
                        RecordingEvents.toRequest(SampleEvents.load("video-recording", "invalid-vehicle-id.json")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("vehicle_id");
                    assertThat(e.getMessage()).startsWith("vehicle_id: ").contains("VEH-12345/#");
                });
    }
}
