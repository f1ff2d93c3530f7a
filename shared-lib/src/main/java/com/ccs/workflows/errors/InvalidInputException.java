package com.ccs.workflows.errors;

/**
 * The event a function received cannot be processed as it is: a required field is missing, has the wrong
 * type or an impossible value. Never retried; the state machine routes it to a failure state. Step Functions
 * sees this class's name, {@code com.ccs.workflows.errors.InvalidInputException}, as the error.
 */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The offending field as a dotted path into the event, e.g. {@code location.lat} or {@code vehicles[2].plate}. */
    public String field() {
        return field;
    }
}
