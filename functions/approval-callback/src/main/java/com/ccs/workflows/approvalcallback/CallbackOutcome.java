package com.ccs.workflows.approvalcallback;

/** What a click on a link led to; the handler turns it into an HTTP response. */
public sealed interface CallbackOutcome {

    /** A valid link opened with GET: show the summary and a form that confirms the decision with POST. */
    record Confirmation(Approval approval, Decision decision, String formQuery) implements CallbackOutcome {
    }

    /** The decision is recorded and the execution resumed ({@code alreadyRecorded}: an earlier click did it). */
    record Recorded(Approval approval, Decision decision, boolean alreadyRecorded) implements CallbackOutcome {
    }

    /** Nothing changed; {@code status} is the HTTP status, {@code error} a stable code, {@code message} for people. */
    record Refused(int status, String error, String message) implements CallbackOutcome {
    }
}
