package com.ccs.workflows.errors;

/**
 * A system the function depends on (an AWS service, the company registry, the payment provider) did not
 * answer usefully this time: timeout, throttling, 5xx. Transient by nature, so the state machines retry it
 * with backoff. Step Functions sees it as {@code com.ccs.workflows.errors.DependencyUnavailableException}.
 */
public final class DependencyUnavailableException extends RuntimeException {
    private final String dependency;

    public DependencyUnavailableException(String dependency, String message, Throwable cause) {
        super(dependency + " unavailable: " + message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
