package com.ccs.workflows.approval;

import java.time.Instant;

/** What a click on a link led to; the handler turns it into an HTTP response. */
public sealed interface CallbackOutcome {

    /**
     * A valid link opened with GET: show the summary and a form that confirms a decision with POST. The page offers
     * both decisions, the link's preselected: {@code formQuery} is the signed query of the link's decision,
     * {@code otherQuery} that of the other one (the manager holds both links already, in the message);
     * {@code linkExpiresAt} is when this link stops working.
     */
    record Confirmation(
            Approval approval, Decision decision, String formQuery, String otherQuery, Instant linkExpiresAt)
            implements CallbackOutcome {}

    /**
     * This request recorded the decision and resumed the execution. {@code resent}: the decision had been recorded
     * by an earlier click whose resume failed, and this request delivered it. A decision already delivered is not
     * this outcome but a 409 {@link Refused}.
     */
    record Recorded(Approval approval, Decision decision, boolean resent) implements CallbackOutcome {}

    /**
     * Nothing changed; {@code status} is the HTTP status, {@code error} a stable code, {@code message} for API
     * clients (the JSON answer). For the page: {@code approval} when the refusal concerns a known approval (decided,
     * expired), {@code linkExpiredAt} when the link itself expired; both null otherwise.
     */
    record Refused(int status, String error, String message, Approval approval, Instant linkExpiredAt)
            implements CallbackOutcome {

        public Refused(int status, String error, String message) {
            this(status, error, message, null, null);
        }
    }
}
