package com.ccs.workflows.videorecording;

import com.ccs.workflows.errors.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A request to start recording for an incident. The vehicle id becomes one level of an MQTT topic, so it is held
 * to the AWS IoT thing-name alphabet: no '/' (which would address another vehicle's topic), no '+' or '#'
 * (wildcards), no '$' (reserved topics), no whitespace or control characters, at most 128 characters.
 */
public record RecordingRequest(String incidentId, String vehicleId) {
    static final int MAX_VEHICLE_ID_LENGTH = 128;
    static final int MAX_INCIDENT_ID_LENGTH = 256;
    private static final Pattern VEHICLE_ID = Pattern.compile("[A-Za-z0-9:_-]{1," + MAX_VEHICLE_ID_LENGTH + "}");

    public RecordingRequest {
        requireIncidentId(incidentId);
        requireVehicleId(vehicleId);
    }

    private static void requireIncidentId(String incidentId) {
        if (incidentId == null || incidentId.isEmpty()) {
            throw new InvalidInputException("incident_id", "is required and must be a non-empty string");
        }
        if (incidentId.length() > MAX_INCIDENT_ID_LENGTH) {
            throw new InvalidInputException(
                    "incident_id",
                    "must be at most " + MAX_INCIDENT_ID_LENGTH + " characters, got " + incidentId.length());
        }
        for (int i = 0; i < incidentId.length(); i++) {
            if (Character.isISOControl(incidentId.charAt(i))) {
                throw new InvalidInputException("incident_id", "must not contain control characters");
            }
        }
    }

    private static void requireVehicleId(String vehicleId) {
        if (vehicleId == null || vehicleId.isEmpty()) {
            throw new InvalidInputException("vehicle_id", "is required and must be a non-empty string");
        }
        if (!VEHICLE_ID.matcher(vehicleId).matches()) {
            throw new InvalidInputException(
                    "vehicle_id",
                    "must be usable as one MQTT topic level: 1-" + MAX_VEHICLE_ID_LENGTH
                            + " characters among A-Z a-z 0-9 ':' '_' '-' (no '/', '+', '#', '$' or spaces), got "
                            + (vehicleId.length() <= 40
                                    ? "\"" + printable(vehicleId) + "\""
                                    : vehicleId.length() + " characters"));
        }
    }

    /** The offending value as it can be shown in an error message (control characters made visible). */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars()
                .forEach(c ->
                        out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
