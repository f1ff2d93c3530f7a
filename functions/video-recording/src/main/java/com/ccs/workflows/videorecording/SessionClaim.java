package com.ccs.workflows.videorecording;

/** What claiming an incident's recording session found: the claim is new, or an earlier attempt made it. */
public sealed interface SessionClaim {
    RecordingSession session();

    /** This attempt wrote the session; it is in {@link RecordingStatus#STARTING}. */
    record Created(RecordingSession session) implements SessionClaim {}

    /** The incident already had a session (any status), returned as stored. */
    record Existing(RecordingSession session) implements SessionClaim {}
}
