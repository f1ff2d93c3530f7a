package com.ccs.workflows.videorecording;

/** Persistence of recording sessions: at most one per incident. */
public interface RecordingStore {
    /**
     * Writes {@code intent} unless the incident already has a session (atomically: of any number of concurrent
     * claims exactly one is {@link SessionClaim.Created}), otherwise returns the stored one.
     */
    SessionClaim claim(RecordingSession intent);

    /** Marks the incident's session as recording once the start command has been accepted. Idempotent. */
    void markRecording(RecordingSession session);
}
