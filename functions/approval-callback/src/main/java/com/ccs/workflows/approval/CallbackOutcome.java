package com.ccs.workflows.approval;

/** What a click on a link led to; the handler turns it into an HTTP response. */
public sealed interface CallbackOutcome {

    /** A valid link opened with GET: show the summary and a form that confirms the decision with POST. */
    record Confirmation(Approval approval, Decision decision, String formQuery) implements CallbackOutcome {
    }

    /**
     * This request recorded the decision and resumed the execution. {@code resent}: the decision had been recorded
     * by an earlier click whose resume failed, and this request delivered it. A decision already delivered is not
     * this outcome but a 409 {@link Refused}.
     */
    record Recorded(Approval approval, Decision decision, boolean resent) implements CallbackOutcome {
    }

    /** Nothing changed; {@code status} is the HTTP status, {@code error} a stable code, {@code message} for people. */
    record Refused(int status, String error, String message) implements CallbackOutcome {
    }
}
