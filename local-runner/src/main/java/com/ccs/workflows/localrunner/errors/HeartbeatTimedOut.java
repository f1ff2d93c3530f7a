package com.ccs.workflows.localrunner.errors;

/**
 * A callback task whose heartbeat did not come within HeartbeatSeconds. AWS reports it as {@code States.Timeout}
 * (the TaskTimedOut event and the execution's error, as recorded on AWS), and a Retry or Catch naming
 * {@code States.HeartbeatTimeout} (a name only valid there) matches it as well as one naming
 * {@code States.Timeout}.
 */
public final class HeartbeatTimedOut extends StatesFailure {
    public HeartbeatTimedOut() {
        super(StatesErrors.TIMEOUT, null);
    }
}
