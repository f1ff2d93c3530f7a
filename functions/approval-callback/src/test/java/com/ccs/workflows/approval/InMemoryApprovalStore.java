package com.ccs.workflows.approval;

import com.ccs.workflows.errors.DependencyUnavailableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The approvals table in memory, with the same conditions as the DynamoDB store; can be told to fail. */
final class InMemoryApprovalStore implements ApprovalStore {
    private final Map<String, Approval> approvals = new HashMap<>();
    private final Map<String, String> markers = new HashMap<>();
    /** When set, release() fails as if DynamoDB were unreachable. */
    boolean failRelease;
    /** When set, every read fails as if DynamoDB were throttling. */
    boolean failReads;

    synchronized void put(Approval approval) {
        approvals.put(approval.approvalId(), approval);
        markers.put(approval.executionId(), approval.approvalId());
    }

    synchronized Approval get(String approvalId) {
        return approvals.get(approvalId);
    }

    synchronized int size() {
        return approvals.size();
    }

    @Override
    public synchronized Optional<Approval> find(String approvalId) {
        if (failReads) {
            throw new DependencyUnavailableException("DynamoDB", "ProvisionedThroughputExceededException", null);
        }
        return Optional.ofNullable(approvals.get(approvalId));
    }

    @Override
    public synchronized Optional<Approval> findByExecution(String executionId) {
        return Optional.ofNullable(markers.get(executionId)).map(approvals::get);
    }

    @Override
    public synchronized boolean create(Approval approval, Optional<String> replacing) {
        if (approvals.containsKey(approval.approvalId())
                || !Optional.ofNullable(markers.get(approval.executionId())).equals(replacing)) {
            return false;
        }
        put(approval);
        return true;
    }

    @Override
    public synchronized boolean renewWait(
            String approvalId, String taskToken, Instant expiresAt, Instant now, AuditEvent event) {
        return change(
                approvalId,
                a -> a.status() == ApprovalStatus.PENDING && now.isBefore(a.expiresAt()),
                a -> a.withRenewedWait(taskToken, expiresAt),
                event);
    }

    @Override
    public synchronized void markNotified(String approvalId, AuditEvent event) {
        change(approvalId, a -> true, a -> a.withNotifiedAt(event.at()), event);
    }

    @Override
    public synchronized void markReminded(String approvalId, AuditEvent event) {
        change(approvalId, a -> true, a -> a.withRemindedAt(event.at()), event);
    }

    @Override
    public synchronized ClaimResult claim(
            String approvalId, Decision decision, DecisionRecord record, Instant now, AuditEvent event) {
        Approval current = approvals.get(approvalId);
        if (current == null) {
            return new ClaimResult.NotFound();
        }
        if (current.status() != ApprovalStatus.PENDING || !now.isBefore(current.expiresAt())) {
            return new ClaimResult.NotPending(current);
        }
        Approval claimed = current.withStatus(decision.outcome(), record).withAudit(event);
        approvals.put(approvalId, claimed);
        return new ClaimResult.Claimed(claimed);
    }

    @Override
    public synchronized boolean retakeClaim(String approvalId, String oldClaimId, String newClaimId, AuditEvent event) {
        return change(
                approvalId,
                a -> a.decision() != null && a.decision().claimId().equals(oldClaimId) && a.resumedAt() == null,
                a -> a.withStatus(
                        a.status(),
                        new DecisionRecord(
                                a.decision().decidedBy(),
                                a.decision().decidedAt(),
                                a.decision().comment(),
                                newClaimId)),
                event);
    }

    @Override
    public synchronized boolean markResumed(String approvalId, String claimId, AuditEvent event) {
        return change(approvalId, a -> ownedBy(a, claimId), a -> a.withResumedAt(event.at()), event);
    }

    @Override
    public synchronized boolean release(String approvalId, String claimId, AuditEvent event) {
        if (failRelease) {
            throw new DependencyUnavailableException("DynamoDB", "injected release failure", null);
        }
        return change(
                approvalId,
                a -> ownedBy(a, claimId) && a.resumedAt() == null,
                a -> a.withStatus(ApprovalStatus.PENDING, null),
                event);
    }

    @Override
    public synchronized boolean expire(String approvalId, String claimId, AuditEvent event) {
        return change(
                approvalId,
                a -> claimId != null ? ownedBy(a, claimId) : a.status() == ApprovalStatus.PENDING,
                a -> a.withStatus(ApprovalStatus.EXPIRED, a.decision()),
                event);
    }

    private static boolean ownedBy(Approval approval, String claimId) {
        return approval.decision() != null && approval.decision().claimId().equals(claimId);
    }

    private boolean change(
            String approvalId,
            java.util.function.Predicate<Approval> condition,
            java.util.function.UnaryOperator<Approval> update,
            AuditEvent event) {
        Approval current = approvals.get(approvalId);
        if (current == null || !condition.test(current)) {
            return false;
        }
        approvals.put(approvalId, update.apply(current).withAudit(event));
        return true;
    }
}
