package com.ccs.workflows.localrunner.engine;

/** A request the Step Functions API would reject; {@code code} is AWS's error code (e.g. ExecutionDoesNotExist). */
public final class EngineException extends RuntimeException {
    private final String code;

    public EngineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
