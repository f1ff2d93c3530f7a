package com.ccs.workflows.localrunner.engine;

public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED
}
