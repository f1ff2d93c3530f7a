package com.ccs.workflows.localrunner.errors;

/**
 * A failure the engine itself detects while running a state (bad path, wrong type...). The state runner
 * prefixes the cause the way AWS does: "An error occurred while executing the state 'X' (entered at the event
 * id #N). ...".
 *
 * @see #location() the field being evaluated, reported in EvaluationFailed events
 */
public final class RuntimeFailure extends StatesFailure {
    private final String location;

    public RuntimeFailure(String error, String detail, String location) {
        super(error, detail);
        this.location = location;
    }

    public static RuntimeFailure runtime(String detail) {
        return new RuntimeFailure(StatesErrors.RUNTIME, detail, null);
    }

    public static RuntimeFailure query(String detail) {
        return new RuntimeFailure(StatesErrors.QUERY_EVALUATION_ERROR, detail, null);
    }

    public static RuntimeFailure query(String detail, String location) {
        return new RuntimeFailure(StatesErrors.QUERY_EVALUATION_ERROR, detail, location);
    }

    /** The field being evaluated (e.g. "Arguments/FunctionName"), or null. */
    public String location() {
        return location;
    }
}
