package com.ccs.workflows.localrunner.errors;

/**
 * A failure as Step Functions sees it: an error name and an optional cause. Thrown inside the engine and turned
 * into Retry/Catch decisions or an ExecutionFailed event.
 */
public class StatesFailure extends RuntimeException {
    private final String error;
    private final String cause;

    public StatesFailure(String error, String cause) {
        super(String.valueOf(error) + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
