package com.ccs.workflows.videorecording;

/** Where a recording session stands; stored as the lower-case wire value in the recordings table. */
public enum RecordingStatus {
    /** The session is recorded but the start command may not have reached the broker yet. */
    STARTING("starting"),
    /** The broker accepted the start command (QoS 1); the device records. */
    RECORDING("recording");

    private final String wire;

    RecordingStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static RecordingStatus fromWire(String value) {
        for (RecordingStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalStateException("unknown recording status '" + value + "' in the recordings table");
    }
}
