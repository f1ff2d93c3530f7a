package com.ccs.workflows.approval;

/**
 * The execution no longer waits for this task token (TaskTimedOut, TaskDoesNotExist, InvalidToken): no decision
 * can resume it any more. The message carries the service's error code only, never the token.
 */
public final class TaskClosedException extends RuntimeException {

    public TaskClosedException(String errorCode) {
        super("the task no longer waits for a decision (" + errorCode + ")");
    }
}
