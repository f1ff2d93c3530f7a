package com.ccs.workflows.shared.aws;

import java.time.Duration;

/**
 * How long an AWS SDK call may take: TCP connect, socket read, one attempt, the whole call with the SDK's own
 * retries. Explicit, because the SDK's defaults wait far longer than a workflow step should.
 */
public record ClientTimeouts(Duration connect, Duration socket, Duration attempt, Duration call) {

    /** Business workflow steps: generous enough for a slow moment, short enough that Step Functions retries. */
    public static final ClientTimeouts STANDARD = new ClientTimeouts(
            Duration.ofMillis(1_000), Duration.ofMillis(2_000), Duration.ofMillis(2_500), Duration.ofMillis(6_000));

    /**
     * Steps on the emergency workflow's < 2 s path: a call gives up inside its Task's 3 s timeout, so the state
     * machine's own retry (or its failure path, which records the incident as failed) decides what happens next.
     */
    public static final ClientTimeouts EMERGENCY = new ClientTimeouts(
            Duration.ofMillis(400), Duration.ofMillis(900), Duration.ofMillis(1_000), Duration.ofMillis(1_800));
}
