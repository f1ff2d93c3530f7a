package com.ccs.workflows.validatecustomer;

/**
 * The company registry answered, but not within its contract (an unexpected HTTP status such as 401 or 400, a
 * body that is not the documented JSON, a different NIT than asked for). Retrying would get the same answer, so
 * the state machine does not retry it; it needs someone to look at the registry or its configuration. Step
 * Functions sees it as {@code com.ccs.workflows.validatecustomer.RegistryResponseException}.
 */
public final class RegistryResponseException extends RuntimeException {

    public RegistryResponseException(String message) {
        super(message);
    }

    public RegistryResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
