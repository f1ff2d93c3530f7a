package com.ccs.workflows.localrunner.engine;

/**
 * Whether RedriveExecution would accept an execution now, as DescribeExecution's redriveStatus reports it, and
 * when not, why: AWS's redriveStatusReason, also the message of the ExecutionNotRedrivable error.
 */
public record RedriveStatus(boolean redrivable, String reason) {
    static final RedriveStatus REDRIVABLE = new RedriveStatus(true, null);

    static RedriveStatus not(String reason) {
        return new RedriveStatus(false, reason);
    }

    /** REDRIVABLE or NOT_REDRIVABLE. */
    public String status() {
        return redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE";
    }
}
