package com.ccs.workflows.videorecording;

/**
 * The result of a start: the session (always {@link RecordingStatus#RECORDING}) and whether an earlier attempt
 * had already completed it, in which case nothing was sent this time.
 */
public record RecordingOutcome(RecordingSession session, boolean alreadyStarted) {}
