package com.ccs.workflows.videorecording;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function's configuration, read once from the environment.
 * <ul>
 *   <li>{@code RECORDINGS_TABLE} (required), e.g. {@code ccs-dev-recordings};</li>
 *   <li>{@code VEHICLE_COMMAND_TOPIC_PREFIX}, default {@code ccs/<env>/vehicles} with {@code <env>} taken from
 *   the table name {@code ccs-<env>-recordings};</li>
 *   <li>{@code IOT_DATA_ENDPOINT}: the account's IoT data endpoint ({@code aws iot describe-endpoint
 *   --endpoint-type iot:Data-ATS}), host or URL; default the SDK's regional {@code data-ats} endpoint.
 *   {@code AWS_ENDPOINT_URL}, when set (emulators), takes precedence;</li>
 *   <li>{@code RECORDING_PRE_ROLL_SECONDS} (default 30) and {@code RECORDING_DURATION_SECONDS} (default 300).</li>
 * </ul>
 */
record FunctionConfig(String recordingsTable, Optional<URI> iotDataEndpoint, RecordingSettings settings) {
    static final int DEFAULT_PRE_ROLL_SECONDS = 30;
    static final int DEFAULT_DURATION_SECONDS = 300;
    private static final Pattern TABLE_NAME = Pattern.compile("ccs-([a-z0-9]+)-recordings");

    static FunctionConfig fromEnvironment(Map<String, String> env) {
        String table = value(env, "RECORDINGS_TABLE")
                .orElseThrow(() -> new IllegalStateException(
                        "RECORDINGS_TABLE must name the recordings table, e.g. ccs-dev-recordings"));
        String prefix = value(env, "VEHICLE_COMMAND_TOPIC_PREFIX").orElseGet(() -> defaultPrefix(table));
        RecordingSettings settings;
        try {
            settings = new RecordingSettings(
                    prefix,
                    intValue(env, "RECORDING_PRE_ROLL_SECONDS", DEFAULT_PRE_ROLL_SECONDS),
                    intValue(env, "RECORDING_DURATION_SECONDS", DEFAULT_DURATION_SECONDS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid video-recording configuration: " + e.getMessage(), e);
        }
        return new FunctionConfig(table, value(env, "IOT_DATA_ENDPOINT").map(FunctionConfig::endpointUri), settings);
    }

    private static String defaultPrefix(String table) {
        Matcher matcher = TABLE_NAME.matcher(table);
        if (!matcher.matches()) {
            throw new IllegalStateException(
                    "VEHICLE_COMMAND_TOPIC_PREFIX is not set and cannot be derived from RECORDINGS_TABLE '" + table
                            + "' (expected ccs-<env>-recordings)");
        }
        return "ccs/" + matcher.group(1) + "/vehicles";
    }

    private static URI endpointUri(String value) {
        URI uri = URI.create(value.contains("://") ? value : "https://" + value);
        if (uri.getHost() == null) {
            throw new IllegalStateException("IOT_DATA_ENDPOINT must be a host name or URL, got " + value);
        }
        return uri;
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number of seconds, got " + raw.get(), e);
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
