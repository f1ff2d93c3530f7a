package com.ccs.workflows.approval;

import java.time.Instant;
import java.util.Optional;

/**
 * The approvals table. Every state change is a conditional write so concurrent callers (a double click, a
 * retried request, a reminder racing a decision) cannot overwrite each other; each appends an audit event.
 */
public interface ApprovalStore {

    Optional<Approval> find(String approvalId);

    /** The approval the execution's idempotency marker points at, if any. */
    Optional<Approval> findByExecution(String executionId);

    /**
     * Stores {@code approval} and points its execution's marker at it, atomically. {@code replacing} is the
     * approval the marker must currently point at (empty: no marker yet). False when another request won.
     */
    boolean create(Approval approval, Optional<String> replacing);

    /**
     * A new attempt of the waiting task (a retry or redrive carries a new token, and its timeout starts again): stores
     * {@code taskToken} and {@code expiresAt} together and clears notified_at and reminded_at, so the manager gets
     * links for the new window and a reminder before it closes. False when the approval is no longer pending or its
     * window closed before {@code now}.
     */
    boolean renewWait(String approvalId, String taskToken, Instant expiresAt, Instant now, AuditEvent event);

    void markNotified(String approvalId, AuditEvent event);

    void markReminded(String approvalId, AuditEvent event);

    /** pending -> {@code decision.outcome()} if still pending and {@code now} is before expires_at. */
    ClaimResult claim(String approvalId, Decision decision, DecisionRecord record, Instant now, AuditEvent event);

    /** Hands an unresumed decision to a new claim (recovery after the owner died); false if it changed meanwhile. */
    boolean retakeClaim(String approvalId, String oldClaimId, String newClaimId, AuditEvent event);

    /** Sets resumed_at once the execution accepted the decision. */
    boolean markResumed(String approvalId, String claimId, AuditEvent event);

    /** Undoes a claim whose resume failed transiently: back to pending, decision fields removed. */
    boolean release(String approvalId, String claimId, AuditEvent event);

    /** Marks the approval expired: by the claim owner ({@code claimId}) or, with null, only if still pending. */
    boolean expire(String approvalId, String claimId, AuditEvent event);
}
