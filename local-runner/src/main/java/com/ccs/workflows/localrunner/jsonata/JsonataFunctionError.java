package com.ccs.workflows.localrunner.jsonata;

/**
 * A JSONata function's refusal, raised by the functions the engine computes itself, with the code the reference
 * gives it ("D3030"), or none for a function JSONata does not have.
 */
final class JsonataFunctionError extends RuntimeException {
    private final String code;

    JsonataFunctionError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The reference's error code, or null. */
    String code() {
        return code;
    }
}
