package com.ccs.workflows.videorecording;

import java.nio.charset.StandardCharsets;

/**
 * How recordings are commanded: the command topic prefix and the camera window. The command topic of a vehicle
 * is {@code <prefix>/<vehicleId>/commands}. The prefix is checked once, at start-up, against AWS IoT's topic
 * limits (no wildcards, no empty levels, at most 7 slashes and 256 bytes for the whole topic), so a bad
 * configuration fails the deployment's first init rather than an emergency.
 */
public record RecordingSettings(String topicPrefix, int preRollSeconds, int durationSeconds) {
    static final String COMMANDS_SUFFIX = "/commands";
    private static final int MAX_TOPIC_SLASHES = 7;
    private static final int MAX_TOPIC_BYTES = 256;

    public RecordingSettings {
        validatePrefix(topicPrefix);
        if (preRollSeconds < 0 || preRollSeconds > 300) {
            throw new IllegalArgumentException("pre-roll must be 0-300 seconds, got " + preRollSeconds);
        }
        if (durationSeconds < 1 || durationSeconds > 3_600) {
            throw new IllegalArgumentException("recording duration must be 1-3600 seconds, got " + durationSeconds);
        }
    }

    /** The topic the vehicle's IoT thing subscribes to; {@code vehicleId} is already a validated topic level. */
    public String commandTopic(String vehicleId) {
        return topicPrefix + "/" + vehicleId + COMMANDS_SUFFIX;
    }

    private static void validatePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the command topic prefix must not be empty");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("the command topic prefix must not have empty levels: '" + prefix + "'");
        }
        if (prefix.startsWith("$")
                || prefix.chars()
                        .anyMatch(
                                c -> c == '+' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(
                    "the command topic prefix must not contain wildcards, spaces or start with '$': '" + prefix + "'");
        }
        long slashes = prefix.chars().filter(c -> c == '/').count() + 2; // "/<vehicle>" and "/commands"
        if (slashes > MAX_TOPIC_SLASHES) {
            throw new IllegalArgumentException("the command topic prefix has too many levels for AWS IoT (at most "
                    + (MAX_TOPIC_SLASHES - 2) + " slashes): '" + prefix + "'");
        }
        int longest = prefix.getBytes(StandardCharsets.UTF_8).length
                + 1
                + RecordingRequest.MAX_VEHICLE_ID_LENGTH
                + COMMANDS_SUFFIX.length();
        if (longest > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException(
                    "the command topic prefix is too long: topics would exceed " + MAX_TOPIC_BYTES + " bytes");
        }
    }
}
