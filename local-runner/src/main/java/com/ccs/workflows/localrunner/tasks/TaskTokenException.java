package com.ccs.workflows.localrunner.tasks;

/** A SendTask* call AWS would refuse; {@code code} is the AWS error code (InvalidToken, TaskDoesNotExist...). */
public final class TaskTokenException extends RuntimeException {
    private final String code;

    public TaskTokenException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
